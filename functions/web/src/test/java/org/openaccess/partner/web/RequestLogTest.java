package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void oneJsonLineWithLevelByStatus() {
        String line = RequestLog.toJson(new RequestLog.Entry(
                "req-1",
                "api-1",
                "GET /callback",
                503,
                "failed",
                Optional.of("spotify_unavailable"),
                Optional.of("exception=X"),
                42));

        assertEquals(
                "{\"level\":\"ERROR\",\"type\":\"request\",\"requestId\":\"req-1\",\"apiRequestId\":\"api-1\","
                        + "\"route\":\"GET /callback\",\"status\":503,\"outcome\":\"failed\",\"errorCode\":\"spotify_unavailable\","
                        + "\"detail\":\"exception=X\",\"latencyMs\":42}",
                line);
    }

    @Test
    void successIsInfoAndBadInputIsWarn() {
        assertEquals(
                "INFO",
                new RequestLog.Entry("r", "a", "GET /link", 302, "ok", Optional.empty(), Optional.empty(), 1).level());
        assertEquals(
                "WARN",
                new RequestLog.Entry("r", "a", "GET /link", 400, "failed", Optional.empty(), Optional.empty(), 1)
                        .level());
    }
}
