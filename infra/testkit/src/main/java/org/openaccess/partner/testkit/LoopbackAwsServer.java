package org.openaccess.partner.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the AWS stubs ({@link SecretsManagerStub}, {@link CloudFormationStub}): a server on a loopback
 * port that counts every request (SDK retries included), reads its body, hands both to the stub's service, and
 * writes answers with a request id as AWS does. The stubs differ only in their protocol (JSON 1.1, query/XML).
 */
final class LoopbackAwsServer implements AutoCloseable {
    /** One stubbed AWS service: answers a request whose body was read. */
    @FunctionalInterface
    interface Service {
        void serve(HttpExchange exchange, byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final AtomicInteger requests = new AtomicInteger();

    LoopbackAwsServer(String serviceName, int port, int threads, Service service) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind the " + serviceName + " stub to port " + port, e);
        }
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                service.serve(exchange, body);
            }
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI endpoint() {
        return endpoint;
    }

    int requestCount() {
        return requests.get();
    }

    /** Whether the request carries a SigV4 Authorization header, as every SDK call does. */
    static boolean isSigned(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ");
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
