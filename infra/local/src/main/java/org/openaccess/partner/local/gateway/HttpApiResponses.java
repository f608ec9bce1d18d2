package org.openaccess.partner.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes a function's JSON result back to the client as API Gateway (payload 2.0) does. */
final class HttpApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiResponses() {}

    static void write(HttpExchange exchange, String resultJson, String requestId) throws IOException {
        JsonNode result = JSON.readTree(resultJson);
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            // API Gateway's rule for a result without statusCode: 200 with the result as JSON body.
            send(exchange, 200, "application/json", resultJson.getBytes(StandardCharsets.UTF_8), requestId);
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        result.path("multiValueHeaders")
                .properties()
                .forEach(e -> e.getValue().forEach(v -> headers.add(e.getKey(), v.asText())));
        result.path("headers")
                .properties()
                .forEach(e -> headers.set(e.getKey(), e.getValue().asText()));
        result.path("cookies").forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        byte[] body = body(result);
        int status = result.path("statusCode").asInt(200);
        headers.set("apigw-requestid", requestId);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static byte[] body(JsonNode result) {
        JsonNode body = result.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        boolean base64 = result.path("isBase64Encoded").asBoolean(false);
        return base64
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** API Gateway's own answers: {"message": "..."} JSON. */
    static void sendMessage(HttpExchange exchange, int status, String message, String requestId) throws IOException {
        byte[] body = JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
        send(exchange, status, "application/json", body, requestId);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String requestId)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
