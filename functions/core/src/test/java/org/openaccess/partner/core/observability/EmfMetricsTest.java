package org.openaccess.partner.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.observability.Metrics.SpotifyOutcome;
import org.openaccess.partner.testkit.EmfDocuments;

/** Each named emission becomes the EMF lines CloudWatch turns into the metric the alarms and dashboard name. */
class EmfMetricsTest {

    private final List<String> lines = new ArrayList<>();
    private final EmfMetrics metrics = new EmfMetrics(lines::add);

    private List<JsonNode> flushed() {
        metrics.flush();
        return EmfDocuments.among(lines);
    }

    @Test
    void aFailedLinkIsCountedByItsErrorCodeAndInAll() {
        metrics.linkFailed("user_cancelled");
        metrics.linkFailed("state_expired");
        metrics.linkFailed("state_expired");

        List<JsonNode> documents = flushed();

        assertEquals(1, EmfDocuments.sum(documents, "LinkFailures", Map.of("ErrorCode", "user_cancelled")));
        assertEquals(2, EmfDocuments.sum(documents, "LinkFailures", Map.of("ErrorCode", "state_expired")));
        assertEquals(3, EmfDocuments.sum(documents, "LinkFailures", Map.of()));
        assertEquals(
                Set.of(
                        new EmfDocuments.Emitted("OpenAccessPartner", "LinkFailures", Set.of("ErrorCode")),
                        new EmfDocuments.Emitted("OpenAccessPartner", "LinkFailures", Set.of())),
                EmfDocuments.metricsOf(documents));
    }

    @Test
    void countsWithoutDimensionsShareOneDocumentWithoutTheLibrarysDefaultDimensions() {
        metrics.linkStarted();
        metrics.linkStarted();
        metrics.linkCompleted();
        metrics.unlinked();

        List<JsonNode> documents = flushed();

        assertEquals(1, documents.size(), lines.toString());
        JsonNode directive = documents.get(0).at("/_aws/CloudWatchMetrics/0");
        assertEquals("OpenAccessPartner", directive.path("Namespace").asText());
        assertEquals("[[]]", directive.path("Dimensions").toString(), "no LogGroup/ServiceName defaults");
        assertEquals(2, EmfDocuments.sum(documents, "LinksStarted", Map.of()));
        assertEquals(1, EmfDocuments.sum(documents, "LinksCompleted", Map.of()));
        assertEquals(1, EmfDocuments.sum(documents, "Unlinks", Map.of()));
    }

    @Test
    void pushOutcomesAreSyncedUnchangedOrFailed() {
        metrics.pushed(new SyncOutcome.Sent(3));
        metrics.pushed(new SyncOutcome.UnlinkedBySpotify());
        metrics.pushed(new SyncOutcome.Unchanged());
        metrics.pushed(new SyncOutcome.NotLinked());
        metrics.pushed(new SyncOutcome.Retry(Optional.empty(), "HTTP 503"));
        metrics.pushed(new SyncOutcome.Rejected(403, "HTTP 403"));
        metrics.pushed(new SyncOutcome.Rejected(400, "HTTP 400"));

        List<JsonNode> documents = flushed();

        assertEquals(2, EmfDocuments.sum(documents, "PushUsersSynced", Map.of()));
        assertEquals(2, EmfDocuments.sum(documents, "PushUsersUnchanged", Map.of()));
        assertEquals(3, EmfDocuments.sum(documents, "PushUsersFailed", Map.of()));
    }

    @Test
    void spotifyCallsKeepEachLatencyForPercentiles() {
        metrics.spotifyCall("replace-entitlements", SpotifyOutcome.OK, Duration.ofMillis(40));
        metrics.spotifyCall("replace-entitlements", SpotifyOutcome.OK, Duration.ofMillis(60));
        metrics.spotifyCall("replace-entitlements", SpotifyOutcome.THROTTLED, Duration.ofMillis(5));
        metrics.spotifyCall("token", SpotifyOutcome.NO_ANSWER, Duration.ofMillis(5000));

        List<JsonNode> documents = flushed();

        assertEquals(
                2,
                EmfDocuments.sum(
                        documents, "SpotifyCalls", Map.of("Endpoint", "replace-entitlements", "Outcome", "ok")));
        assertEquals(1, EmfDocuments.sum(documents, "SpotifyCalls", Map.of("Outcome", "throttled")));
        assertEquals(
                1, EmfDocuments.sum(documents, "SpotifyCalls", Map.of("Endpoint", "token", "Outcome", "no_answer")));
        // Every value is kept (an array), so CloudWatch's p50/p99 are over the calls, not over invocations.
        assertEquals(3, EmfDocuments.count(documents, "SpotifyLatency", Map.of("Endpoint", "replace-entitlements")));
        assertEquals(105, EmfDocuments.sum(documents, "SpotifyLatency", Map.of("Endpoint", "replace-entitlements")));
        for (JsonNode document : documents) {
            if (document.has("SpotifyLatency")) {
                assertEquals(
                        "Milliseconds",
                        document.at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit").asText());
            }
        }
    }

    @Test
    void aReconcileRunsSummaryIsFourCounts() {
        metrics.reconciled(250, 3, 1, 2);

        List<JsonNode> documents = flushed();

        assertEquals(250, EmfDocuments.sum(documents, "ReconcileUsersChecked", Map.of()));
        assertEquals(3, EmfDocuments.sum(documents, "ReconcileUsersRepaired", Map.of()));
        assertEquals(1, EmfDocuments.sum(documents, "ReconcileLinksFoundUnlinked", Map.of()));
        assertEquals(2, EmfDocuments.sum(documents, "ReconcileUsersFailed", Map.of()));
    }

    @Test
    void flushWritesOnceAndForgets() {
        metrics.linkStarted();
        metrics.flush();
        int written = lines.size();
        metrics.flush();

        assertEquals(1, written);
        assertEquals(written, lines.size(), "a second flush has nothing to write");
    }

    @Test
    void aDimensionWithoutAValueIsABugCaughtAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> metrics.record(MetricName.LINK_FAILURES, 1, Map.of()));
    }

    @Test
    void noMetricHasAPartnerOrUserDimension() {
        for (MetricName metric : MetricName.values()) {
            for (List<MetricName.Dimension> set : metric.dimensionSets()) {
                for (MetricName.Dimension dimension : set) {
                    String name = dimension.cloudWatchName().toLowerCase();
                    assertFalse(name.contains("partner") || name.contains("user"), metric + ": " + dimension);
                }
            }
        }
    }

    @Test
    void theSpecificationCheckRejectsWhatCloudWatchWouldDrop() {
        assertFalse(
                EmfDocuments.problems(
                                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                                        + "\"Dimensions\":[[\"Endpoint\"]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Count\"}]}]},\"M\":1}")
                        .isEmpty(),
                "a dimension without its member");
        assertFalse(
                EmfDocuments.problems(
                                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                                        + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Count\"}]}]},\"M\":\"one\"}")
                        .isEmpty(),
                "a metric value that is not a number");
        assertFalse(
                EmfDocuments.problems("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Counts\"}]}]},\"M\":1}")
                        .isEmpty(),
                "an unknown unit");
        assertFalse(
                EmfDocuments.problems("{\"_aws\":{\"CloudWatchMetrics\":[]}}").isEmpty(), "no timestamp");
        assertTrue(EmfDocuments.problems("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                        + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Count\"}]}]},\"M\":[1,2]}")
                .isEmpty());
    }
}
