package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One structured JSON line per request: who (request ids), what (route, status, outcome, error code) and how
 * long. It is built only from values that are safe to log: never a query string, cookie, token or header.
 */
public final class RequestLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestLog() {}

    /** The fields of one request's log line. */
    public record Entry(
            String requestId,
            String apiRequestId,
            String route,
            int status,
            String outcome,
            Optional<String> errorCode,
            Optional<String> detail,
            long latencyMs) {
        String level() {
            return status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO";
        }
    }

    public static void write(LambdaLogger logger, Entry entry) {
        logger.log(toJson(entry) + "\n");
    }

    static String toJson(Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", entry.level());
        line.put("type", "request");
        line.put("requestId", entry.requestId());
        line.put("apiRequestId", entry.apiRequestId());
        line.put("route", entry.route());
        line.put("status", entry.status());
        line.put("outcome", entry.outcome());
        line.put("errorCode", entry.errorCode().orElse(null));
        entry.detail().ifPresent(detail -> line.put("detail", detail));
        line.put("latencyMs", entry.latencyMs());
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
