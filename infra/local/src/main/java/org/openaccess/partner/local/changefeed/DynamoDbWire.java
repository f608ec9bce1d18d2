package org.openaccess.partner.local.changefeed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forwards DynamoDB JSON-protocol requests (as the SDK sends them) to dynalite byte for byte,
 * and makes the proxy's own consistent reads with the caller's credentials headers.
 */
final class DynamoDbWire {

    /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        boolean ok() {
            return status == 200;
        }
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    DynamoDbWire(URI endpoint) {
        this.endpoint = endpoint;
    }

    Answer forward(Map<String, List<String>> headers, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return send(request.build());
    }

    /** A consistent GetItem; {@code credentials} are the caller's Authorization and X-Amz-Date headers. */
    Answer getItem(Map<String, List<String>> credentials, String requestJson) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .POST(HttpRequest.BodyPublishers.ofString(requestJson));
        credentials.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling dynalite", e);
        }
    }
}
