package org.openaccess.emulator.http;

import java.util.Map;

/**
 * A request the emulator refuses, with the status, a stable machine-readable code and a message
 * fit for the caller. Rendered in one place ({@link HttpFront}) in the style of the endpoint.
 * Carries no stack trace: it is an answer, not a fault.
 */
public final class Rejection extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public Rejection(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public Rejection(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static Rejection badRequest(String code, String message) {
        return new Rejection(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
