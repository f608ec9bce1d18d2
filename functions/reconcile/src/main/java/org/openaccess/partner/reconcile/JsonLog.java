package org.openaccess.partner.reconcile;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line through the invocation's {@link LambdaLogger}, so CloudWatch Logs Insights
 * can filter on the fields. Callers pass only ids, counts and reasons: never entitlement values or secrets.
 */
final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaLogger logger;

    JsonLog(LambdaLogger logger) {
        this.logger = logger;
    }

    void info(String message, Object... fields) {
        write(LogLevel.INFO, message, fields);
    }

    void warn(String message, Object... fields) {
        write(LogLevel.WARN, message, fields);
    }

    void error(String message, Object... fields) {
        write(LogLevel.ERROR, message, fields);
    }

    /** {@code fields} alternate name, value. */
    private void write(LogLevel level, String message, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level.name());
        line.put("message", message);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        try {
            // One line per call, also where the runtime's log sink is plain text.
            logger.log(JSON.writeValueAsString(line) + "\n", level);
        } catch (JsonProcessingException e) {
            logger.log("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}\n", LogLevel.ERROR);
        }
    }
}
