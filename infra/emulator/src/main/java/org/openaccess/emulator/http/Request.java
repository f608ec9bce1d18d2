package org.openaccess.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.openaccess.emulator.RecordedCall;

/** One incoming request: method, path, parameters, headers, a size-limited body and notes for the call log. */
public final class Request {
    private final HttpExchange exchange;
    private final String pathParameter;
    private final CallNotes notes = new CallNotes();
    private byte[] body;

    Request(HttpExchange exchange, String pathParameter) {
        this.exchange = exchange;
        this.pathParameter = pathParameter;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The part of the path after the route's prefix, e.g. the partner id of {@code /link/{partnerId}}. */
    public String pathParameter() {
        return pathParameter;
    }

    public FormData query(FormData.ErrorCodes codes) {
        return FormData.parse(exchange.getRequestURI().getRawQuery(), codes);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Optional<String> cookie(String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                if (trimmed.startsWith(name + "=")) {
                    return Optional.of(trimmed.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** The whole body, refused with 413 when longer than {@code limit} bytes. */
    public byte[] body(int limit) {
        if (body != null) {
            return body;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] read = in.readNBytes(limit + 1);
            if (read.length > limit) {
                ConnectionManagement.drainRefusedBody(in);
                throw new Rejection(413, "body_too_large", "Request body is larger than " + limit + " bytes");
            }
            body = read;
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CallNotes notes() {
        return notes;
    }

    /** What the call log should say about this call beyond its status: who called, for which link. */
    public static final class CallNotes {
        private volatile String clientId;
        private volatile String partnerId;
        private volatile String partnerUserId;
        private volatile String detail;

        public void clientId(String value) {
            clientId = value;
        }

        public void partnerId(String value) {
            partnerId = value;
        }

        public void partnerUserId(String value) {
            partnerUserId = value;
        }

        /** A short, secret-free note such as the grant type. */
        public void detail(String value) {
            detail = value;
        }

        public String detail() {
            return detail;
        }

        /** The call log's entry for this call, once answered with {@code status}. */
        public RecordedCall toRecordedCall(Instant at, String endpoint, int status, String verdict) {
            return new RecordedCall(at, endpoint, clientId, partnerId, partnerUserId, status, verdict);
        }
    }
}
