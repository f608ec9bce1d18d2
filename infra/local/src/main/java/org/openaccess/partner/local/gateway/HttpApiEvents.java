package org.openaccess.partner.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openaccess.partner.testkit.HttpEvents;

/**
 * Builds the JSON API Gateway sends to a Lambda integration with payload format 2.0: header names in
 * lower case with repeated values comma-joined, cookies moved to their own array, the raw query string,
 * and a base64 body unless the content type is text.
 */
final class HttpApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private HttpApiEvents() {}

    static String toJson(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, String requestId)
            throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        List<String> cookies = cookies(exchange);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headers = event.putObject("headers");
        headers(exchange).forEach(headers::put);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            HttpEvents.queryParameters(rawQuery).forEach(query::put);
        }
        event.set("requestContext", requestContext(exchange, route, requestId, rawPath));
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        addBody(event, exchange);
        return JSON.writeValueAsString(event);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie")) {
                headers.put(lower, String.join(",", values));
            }
        });
        headers.put("x-forwarded-for", exchange.getRemoteAddress().getAddress().getHostAddress());
        headers.put(
                "x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        headers.put("x-forwarded-proto", "http");
        return headers;
    }

    private static List<String> cookies(HttpExchange exchange) {
        List<String> cookies = new java.util.ArrayList<>();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    private static ObjectNode requestContext(HttpExchange exchange, HttpRoute route, String requestId, String rawPath) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String host = exchange.getRequestHeaders().getFirst("Host");
        ObjectNode context = JSON.createObjectNode();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", host == null ? "127.0.0.1" : host);
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        http.put("userAgent", userAgent == null ? "" : userAgent);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        return context;
    }

    private static void addBody(ObjectNode event, HttpExchange exchange) throws IOException {
        byte[] body; // checked against API Gateway's payload limit by ApiGatewayFront
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            event.put("isBase64Encoded", false);
            return;
        }
        boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
        event.put(
                "body",
                text
                        ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", !text);
    }

    /** HTTP APIs pass text and JSON as is and base64-encode everything else, forms included. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript");
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
