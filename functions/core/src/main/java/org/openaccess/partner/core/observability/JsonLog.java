package org.openaccess.partner.core.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line, so CloudWatch Logs Insights can filter on the fields. Services take a
 * {@code JsonLog}; the handler makes it from the invocation's logger ({@link LambdaLogSink}). Callers pass only
 * ids, counts and reasons: never entitlement values, tokens or secrets.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a finished line goes, with its level ({@code INFO}, {@code WARN}, {@code ERROR}). */
    @FunctionalInterface
    public interface Sink {
        void write(String line, String level);
    }

    private static final JsonLog DISCARDING = new JsonLog((line, level) -> {});

    private final Sink sink;

    public JsonLog(Sink sink) {
        this.sink = sink;
    }

    /** Writes nowhere: for SnapStart priming, whose dry runs are not traffic. */
    public static JsonLog discarding() {
        return DISCARDING;
    }

    public void info(String message, Object... fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Object... fields) {
        write("WARN", message, fields);
    }

    public void error(String message, Object... fields) {
        write("ERROR", message, fields);
    }

    /** {@code fields} alternate name, value. */
    private void write(String level, String message, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        try {
            // One line per call, also where the runtime's log sink is plain text.
            sink.write(JSON.writeValueAsString(line) + "\n", level);
        } catch (JsonProcessingException e) {
            sink.write("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}\n", "ERROR");
        }
    }
}
