package org.openaccess.partner.local.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.openaccess.emulator.http.ConnectionManagement;

/**
 * What API Gateway's HTTP API front does before a request reaches a route, with its documented quotas
 * (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html): request line and header values
 * together at most 10240 bytes (else 431), payload at most 10 MB (else 413), a body that is not valid HTTP (a
 * malformed chunk) 400; each as {@code {"message": "..."}} JSON. There is no separate limit on the number of headers.
 * It also answers {@code Connection: close} to a client that asked for it (RFC 9112 §9.6). The body is read here
 * once and handed on, so the routes and the demo site see a checked, complete body.
 */
final class ApiGatewayFront extends Filter {

    static final int MAX_REQUEST_LINE_AND_HEADER_VALUES = 10_240;
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /**
     * The JDK server drops a connection whose head exceeds its own limits (384 KiB, 200 headers) before any handler
     * runs; raised far above API Gateway's so that this front can answer as API Gateway does. The JDK reads these
     * once per JVM, when its first HTTP server starts: call this before any server (the emulator's too) starts.
     */
    static void raiseJdkParserLimits() {
        for (Map.Entry<String, String> limit : Map.of(
                        "sun.net.httpserver.maxReqHeaderSize",
                        Integer.toString(16 * 1024 * 1024),
                        "sun.net.httpserver.maxReqHeaders",
                        "100000")
                .entrySet()) {
            if (System.getProperty(limit.getKey()) == null) {
                System.setProperty(limit.getKey(), limit.getValue());
            }
        }
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        ConnectionManagement.apply(exchange);
        if (requestLineAndHeaderValues(exchange) > MAX_REQUEST_LINE_AND_HEADER_VALUES) {
            refuse(exchange, 431, "Request Header Fields Too Large");
            return;
        }
        byte[] body;
        try {
            InputStream in = exchange.getRequestBody();
            body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (body.length > MAX_PAYLOAD_BYTES) {
                ConnectionManagement.drainRefusedBody(in);
                refuse(exchange, 413, "Request Entity Too Large");
                return;
            }
        } catch (IOException malformed) {
            // A broken chunk or a body cut short: nothing after it on this connection can be trusted.
            refuse(exchange, 400, "Bad Request");
            return;
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "API Gateway HTTP API quotas and connection management";
    }

    static int requestLineAndHeaderValues(HttpExchange exchange) {
        int size = exchange.getRequestMethod().length()
                + 1
                + exchange.getRequestURI().toString().length()
                + 1
                + exchange.getProtocol().length();
        for (List<String> values : exchange.getRequestHeaders().values()) {
            for (String value : values) {
                size += value.length();
            }
        }
        return size;
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        HttpApiResponses.sendMessage(exchange, status, message, HttpApiEvents.newRequestId());
    }
}
