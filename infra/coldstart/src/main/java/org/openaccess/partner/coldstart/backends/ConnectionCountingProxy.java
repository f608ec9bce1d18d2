package org.openaccess.partner.coldstart.backends;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of one backend that notes when each connection was opened. The function under test
 * is given the relay's address instead of the backend's, so a connection opened during init or priming is seen: one
 * opened before a SnapStart checkpoint would be stale in every restored copy.
 * <p>
 * It also notes how long the function waited on the backend: from the first byte of a request (the first bytes
 * from the function after the backend's last answer) to the first byte of the backend's answer. Our backends speak
 * HTTP/1.1 request-answer, one request at a time per connection, which is what makes that split meaningful.
 */
public final class ConnectionCountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ConcurrentLinkedQueue<Long> openedAt = new ConcurrentLinkedQueue<>();
    /** [request's first byte, answer's first byte] in {@link System#nanoTime()}, one pair per request. */
    private final ConcurrentLinkedQueue<long[]> waits = new ConcurrentLinkedQueue<>();

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private ConnectionCountingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a relay on a free loopback port to the host and port of {@code backend}. */
    public static ConnectionCountingProxy to(URI backend) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ConnectionCountingProxy proxy =
                new ConnectionCountingProxy(server, new InetSocketAddress(backend.getHost(), backend.getPort()));
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** The backend's URI with the relay's port in place of its own (path kept). */
    public URI relayFor(URI backend) {
        return URI.create(backend.getScheme() + "://127.0.0.1:" + server.getLocalPort()
                + (backend.getRawPath() == null ? "" : backend.getRawPath()));
    }

    /** Connections opened between two {@link System#nanoTime()} values. */
    public int connectionsBetween(long fromNanos, long toNanos) {
        return (int)
                openedAt.stream().filter(t -> t >= fromNanos && t <= toNanos).count();
    }

    /** Time spent waiting on this backend's answers within two {@link System#nanoTime()} values. */
    public long waitNanosBetween(long fromNanos, long toNanos) {
        long total = 0;
        for (long[] wait : waits) {
            long overlap = Math.min(wait[1], toNanos) - Math.max(wait[0], fromNanos);
            total += Math.max(0, overlap);
        }
        return total;
    }

    public List<Long> openedAt() {
        return List.copyOf(openedAt);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                openedAt.add(System.nanoTime());
                threads.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        long[] pending = {-1}; // when the request now waiting for an answer started, or -1
        try (client;
                Socket backend = new Socket(target.getAddress(), target.getPort())) {
            // A relay passes each chunk on as it comes: with Nagle's algorithm on, a request's body (the client's
            // second write) would wait for the backend's delayed ACK of its headers, about 40 ms that a direct
            // connection does not pay.
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            threads.execute(() -> pipe(backend, client, () -> {
                synchronized (pending) {
                    if (pending[0] >= 0) {
                        waits.add(new long[] {pending[0], System.nanoTime()});
                        pending[0] = -1;
                    }
                }
            }));
            pipe(client, backend, () -> {
                synchronized (pending) {
                    if (pending[0] < 0) {
                        pending[0] = System.nanoTime();
                    }
                }
            });
        } catch (IOException e) {
            // the backend refused or a side hung up: the function sees a closed connection, as it would
        }
    }

    /** Copies one direction; {@code onBytes} runs as each chunk arrives, before it is passed on. */
    private static void pipe(Socket from, Socket to, Runnable onBytes) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                onBytes.run();
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other copy ends on its own
        }
    }
}
