package org.openaccess.partner.local.changefeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openaccess.partner.local.LoopbackHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB endpoint everyone uses locally: forwards every request to dynalite unchanged and, because
 * dynalite has no streams, captures each write to the watched table as a stream record.
 */
public final class DynamoDbProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbProxy.class);

    private final LoopbackHttpServer http;
    private final String streamArn;

    private DynamoDbProxy(LoopbackHttpServer http, String streamArn) {
        this.http = http;
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
        LoopbackHttpServer http = LoopbackHttpServer.bind(port, "LOCAL_DYNAMODB_PORT", "dynamodb-proxy");
        StreamRecords records = new StreamRecords(region, tableName);
        WriteCapture capture = new WriteCapture(tableName, keyAttributes, new DynamoDbWire(dynalite), records, sink);
        http.server().createContext("/", exchange -> serve(exchange, capture));
        http.server().start();
        return new DynamoDbProxy(http, records.streamArn());
    }

    public URI endpoint() {
        return http.baseUrl();
    }

    /** The ARN the records carry as eventSourceARN. */
    public String streamArn() {
        return streamArn;
    }

    private static void serve(HttpExchange exchange, WriteCapture capture) throws IOException {
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
        http.close();
    }
}
