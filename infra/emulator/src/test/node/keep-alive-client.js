// What Spotify's example partner does (node-fetch 2 on Node.js 20): every request says "Connection: close"
// (node-fetch 2 adds it when no agent is given) while Node's global agent keeps sockets alive. A server that
// closes without answering "Connection: close" leaves a dead socket in the pool: the next call fails with
// "socket hang up". Usage: node keep-alive-client.js <url> <calls>. Prints one JSON line with what it saw.
'use strict';
const http = require('http');

const url = new URL(process.argv[2]);
const calls = Number(process.argv[3] || 6);
const agent = new http.Agent({ keepAlive: true });

function call() {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { agent, headers: { Connection: 'close', Accept: 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode, connection: response.headers.connection || null }));
      });
    request.on('error', (error) => resolve({ error: error.message }));
    request.end();
  });
}

(async () => {
  const results = [];
  for (let i = 0; i < calls; i++) {
    results.push(await call());
  }
  agent.destroy();
  process.stdout.write(JSON.stringify(results) + '\n');
})();
