package org.openaccess.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 connection management as a production front end does it (RFC 9112 §9.3, §9.6): a request that says
 * {@code Connection: close} gets {@code Connection: close} back and the connection ends after the answer; HTTP/1.1
 * connections stay open otherwise; HTTP/1.0 ones close unless the client asked for {@code keep-alive}. Without the
 * echo a keep-alive client (Node.js 20's agent, which node-fetch 2 uses) reuses the closed socket: "socket hang up".
 * The JDK server closes when the response says {@code Connection: close}, so saying it is also doing it.
 */
public final class ConnectionManagement {
    /** How much of a refused body is still read; a client sending more gets a reset after all. */
    private static final long DRAIN_CAP = 64L * 1024 * 1024;

    private ConnectionManagement() {}

    /** Sets the response's Connection header for this exchange; call before the response headers are sent. */
    public static void apply(HttpExchange exchange) {
        List<String> tokens = exchange.getRequestHeaders().getOrDefault("Connection", List.of()).stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .toList();
        boolean http10 = "HTTP/1.0".equalsIgnoreCase(exchange.getProtocol());
        if (tokens.contains("close") || (http10 && !tokens.contains("keep-alive"))) {
            exchange.getResponseHeaders().set("Connection", "close");
        } else if (http10) {
            exchange.getResponseHeaders().set("Connection", "keep-alive");
        }
    }

    /**
     * Reads and discards the rest of a body refused as too large (up to 64 MiB), so that the client, still sending,
     * reads the refusal instead of a reset connection.
     */
    public static void drainRefusedBody(InputStream in) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[64 * 1024];
        int n;
        while (skipped < DRAIN_CAP && (n = in.read(sink)) > 0) {
            skipped += n;
        }
    }
}
