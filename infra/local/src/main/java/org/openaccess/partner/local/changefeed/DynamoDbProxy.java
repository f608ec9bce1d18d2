package org.openaccess.partner.local.changefeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.openaccess.partner.local.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB endpoint everyone uses locally: forwards every request to dynalite unchanged and, because
 * dynalite has no streams, captures each write to the watched table as a stream record.
 */
public final class DynamoDbProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbProxy.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final WriteCapture capture;
    private final String streamArn;

    private DynamoDbProxy(HttpServer server, ExecutorService executor, WriteCapture capture, String streamArn) {
        this.server = server;
        this.executor = executor;
        this.capture = capture;
        this.streamArn = streamArn;
    }

    /**
     * Listens on 127.0.0.1:{@code port} in front of {@code dynalite}; writes to {@code tableName} (whose key
     * attributes are {@code keyAttributes}) become records handed to {@code sink} in order.
     */
    public static DynamoDbProxy start(
            int port,
            URI dynalite,
            String region,
            String tableName,
            List<String> keyAttributes,
            Consumer<ObjectNode> sink) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            throw new PortInUseException("LOCAL_DYNAMODB_PORT", port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the DynamoDB proxy on port " + port + ": " + e.getMessage(), e);
        }
        StreamRecords records = new StreamRecords(region, tableName);
        WriteCapture capture = new WriteCapture(tableName, keyAttributes, new DynamoDbWire(dynalite), records, sink);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "dynamodb-proxy-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        DynamoDbProxy proxy = new DynamoDbProxy(server, executor, capture, records.streamArn());
        server.createContext("/", proxy::serve);
        server.setExecutor(executor);
        server.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The ARN the records carry as eventSourceARN. */
    public String streamArn() {
        return streamArn;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            DynamoDbWire.Answer answer;
            try {
                answer = capture.forward(exchange.getRequestHeaders(), body);
            } catch (IOException e) {
                LOG.error("DynamoDB proxy could not reach dynalite", e);
                byte[] error =
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"dynalite unreachable\"}"
                                .getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            copyHeaders(answer.headers(), exchange);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpExchange exchange) {
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals("content-length")
                    && !lower.equals("transfer-encoding")
                    && !lower.equals("connection")
                    && !lower.equals(":status")
                    && !lower.equals("date")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
