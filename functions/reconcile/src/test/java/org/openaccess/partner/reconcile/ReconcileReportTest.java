package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.wiring.LambdaRuntimeSerialization;

/** A run's report is the invocation's result: written by the Lambda runtime, it names every count. */
class ReconcileReportTest {

    @Test
    void theRuntimeWritesEveryCountUnderItsName() throws Exception {
        String written = LambdaRuntimeSerialization.asTheRuntimeWritesIt(
                        new ReconcileReport(7, 2, 3, 1, 1, 0, 4, 1, false))
                .orElseThrow(() -> new AssertionError("the Lambda runtime's serialization is not on the classpath"));

        JsonNode result = new ObjectMapper().readTree(written);

        assertEquals(7, result.path("checked").asInt(-1));
        assertEquals(2, result.path("sent").asInt(-1));
        assertEquals(3, result.path("unchanged").asInt(-1));
        assertEquals(1, result.path("unlinkedBySpotify").asInt(-1));
        assertEquals(1, result.path("deferred").asInt(-1));
        assertEquals(0, result.path("rejected").asInt(-1));
        assertEquals(4, result.path("verified").asInt(-1));
        assertEquals(1, result.path("foundUnlinked").asInt(-1));
        assertEquals(false, result.path("passComplete").asBoolean(true));
        assertEquals(9, result.size(), written);
    }
}
