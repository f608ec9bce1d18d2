package org.openaccess.partner.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private final List<String[]> written = new ArrayList<>();
    private final JsonLog log = new JsonLog((line, level) -> written.add(new String[] {line, level}));

    @Test
    void eachCallIsOneJsonLineWithItsLevelMessageAndFields() throws Exception {
        log.warn("push deferred", "userId", "member-1", "attempts", 3);

        assertEquals(1, written.size());
        String line = written.get(0)[0];
        assertEquals("WARN", written.get(0)[1]);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one newline, at the end");
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARN", json.get("level").asText());
        assertEquals("push deferred", json.get("message").asText());
        assertEquals("member-1", json.get("userId").asText());
        assertEquals(3, json.get("attempts").asInt());
    }

    @Test
    void aFieldNameWithoutValueIsLeftOut() throws Exception {
        log.error("rejected", "status", 403, "dangling");

        JsonNode json = new ObjectMapper().readTree(written.get(0)[0]);
        assertEquals(403, json.get("status").asInt());
        assertEquals(3, json.size(), json.toString());
    }

    @Test
    void theLambdaSinkPassesTheLineWithItsLevelToTheInvocationsLogger() {
        List<String> seen = new ArrayList<>();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                seen.add("UNDEFINED " + message);
            }

            @Override
            public void log(byte[] message) {
                seen.add("BYTES");
            }

            @Override
            public void log(String message, LogLevel level) {
                seen.add(level + " " + message);
            }
        };

        LambdaLogSink.jsonLog(logger).warn("deferred", "userId", "member-1");

        assertEquals(List.of("WARN {\"level\":\"WARN\",\"message\":\"deferred\",\"userId\":\"member-1\"}\n"), seen);
    }
}
