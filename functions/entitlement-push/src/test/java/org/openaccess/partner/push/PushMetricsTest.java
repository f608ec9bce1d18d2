package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.EmfDocuments;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * The push's metrics as the deployed handler prints them (EMF lines on standard output, flushed once per batch),
 * for {@code events/entitlement-push/stream-batch.json}: five changed memberships, three of them linked.
 */
@org.junit.jupiter.api.Tag("integration")
class PushMetricsTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private LinkedStreamBatch linked;

    @BeforeEach
    void linkThreeMembers() {
        linked = LinkedStreamBatch.deploy(SPOTIFY.emulator());
    }

    private List<JsonNode> printedByOneBatch(AtomicReference<StreamsEventResponse> response) {
        return EmfDocuments.printedBy(() -> response.set(linked.handler()
                .handleRequest(
                        LambdaEvents.dynamodbEvent("entitlement-push/stream-batch.json"),
                        TestContext.forFunction("entitlement-push", Duration.ofSeconds(60)))));
    }

    @Test
    void aBatchCountsItsMembershipsByOutcomeAndEachSpotifyCall() {
        AtomicReference<StreamsEventResponse> response = new AtomicReference<>();

        List<JsonNode> metrics = printedByOneBatch(response);

        assertEquals(List.of(), response.get().getBatchItemFailures());
        assertEquals(3, EmfDocuments.sum(metrics, "PushUsersSynced", Map.of()), "ada, grace, alan sent");
        assertEquals(2, EmfDocuments.sum(metrics, "PushUsersUnchanged", Map.of()), "two memberships not linked");
        assertEquals(0, EmfDocuments.sum(metrics, "PushUsersFailed", Map.of()));
        assertEquals(
                3,
                EmfDocuments.sum(metrics, "SpotifyCalls", Map.of("Endpoint", "replace-entitlements", "Outcome", "ok")));
        assertEquals(3, EmfDocuments.count(metrics, "SpotifyLatency", Map.of("Endpoint", "replace-entitlements")));
        assertEquals(3, linked.bed().replaceCalls(), "the metrics count the calls Spotify saw");
    }

    @Test
    void aMembershipSpotifyKeepsRefusingIsCountedFailedWithTheCallsOutcome() {
        linked.bed().spotify.faults().inject("replace-entitlements", Fault.status(503));
        AtomicReference<StreamsEventResponse> response = new AtomicReference<>();

        List<JsonNode> metrics = printedByOneBatch(response);

        assertEquals(1, response.get().getBatchItemFailures().size(), "left to Lambda's retry");
        assertEquals(
                3,
                EmfDocuments.sum(metrics, "PushUsersFailed", Map.of()),
                "ada, grace and alan are synced alongside each other, and each one fails");
        assertEquals(0, EmfDocuments.sum(metrics, "PushUsersSynced", Map.of()));
        double failedCalls = EmfDocuments.sum(
                metrics, "SpotifyCalls", Map.of("Endpoint", "replace-entitlements", "Outcome", "server_error"));
        assertEquals(true, failedCalls >= 1, "each 503 counted: " + failedCalls);
        assertEquals(
                0,
                EmfDocuments.sum(metrics, "SpotifyCalls", Map.of("Outcome", "ok", "Endpoint", "replace-entitlements")));
    }
}
