package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoRequestCounter;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.push.EntitlementPushHandler;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * The counts behind docs/cost.md: what a membership change and a reconcile pass ask of DynamoDB (calls and the
 * capacity units dynalite reports for them) and of Spotify, through the deployed handlers. If a change to the code
 * changes a count, this test fails: update docs/cost.md with the new count.
 */
@org.junit.jupiter.api.Tag("integration")
class CostPerMemberTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINKS = 250;
    private final DynamoRequestCounter counter = new DynamoRequestCounter();
    private EntitlementTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new EntitlementTestBed(SPOTIFY.emulator(), ReconcileHandler.REQUIRED, counter.client());
    }

    @Test
    void aMembershipChangeCostsOneWriteByThePartnerThenThreeReadsThreeWritesAndOneSpotifyCall() {
        bed.link("member-1", "listener-1", Set.of("basic"));
        counter.reset();

        bed.change("member-1", Set.of("premium"));
        assertEquals(Map.of("UpdateItem", 1L), counter.calls(), "the partner's own write");
        assertEquals(1.0, counter.writeUnits());
        counter.reset();
        long spotifyBefore = bed.replaceCalls();
        TestContext context = TestContext.forFunction("entitlement-push", Duration.ofSeconds(60));

        StreamsEventResponse response = new EntitlementPushHandler(bed.wiring)
                .handleRequest(event(EntitlementTestBed.member("member-1")), context);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("premium"), bed.onSpotify("member-1"));
        // find, find under the lease, the current set (strongly consistent); lease, record sent, release.
        assertEquals(Map.of("GetItem", 3L, "UpdateItem", 3L), counter.calls());
        assertEquals(3.0, counter.readUnits(), "three strongly consistent reads of items under 4 KB");
        assertEquals(3.0, counter.writeUnits(), "three writes of items under 1 KB");
        assertEquals(1, bed.replaceCalls() - spotifyBefore);
        assertTrue(
                context.logs().length() <= 1_000,
                "log bytes per change: " + context.logs().length());
    }

    @Test
    void aReconcilePassCostsOneScanAndOneBatchedReadPerHundredLinksAndNoSpotifyCallWhenNothingDrifted() {
        linkMembers();
        counter.reset();
        long spotifyBefore = bed.spotify.calls().size();

        ReconcileReport report = new ReconcileHandler(bed.wiring)
                .handleRequest(LambdaEvents.scheduledEvent("reconcile/scheduled.json"), fiveMinutes());

        assertEquals(new ReconcileReport(LINKS, 0, LINKS, 0, 0, 0, 0, 0, true), report);
        int segments = Reconciler.Parallelism.DEFAULT.segments();
        // Each of the 16 segments holds fewer than 100 links: one page each. State: one read, the new pass written,
        // each segment's end, the pass closed.
        assertEquals(
                Map.of(
                        "Scan",
                        (long) segments,
                        "BatchGetItem",
                        (long) segments,
                        "GetItem",
                        1L,
                        "PutItem",
                        1L,
                        "UpdateItem",
                        (long) segments + 1),
                counter.calls());
        assertEquals(segments + 2.0, counter.writeUnits());
        double batchReads = LINKS * 0.5; // eventually consistent, entitlement items under 4 KB
        double stateRead = 1.0;
        double scanReads = counter.readUnits() - batchReads - stateRead;
        assertEquals(
                SCAN_READ_UNITS_PER_LINK,
                scanReads / LINKS,
                0.005,
                "the links table's scan: " + scanReads + " units for " + LINKS + " links");
        assertEquals(0, bed.spotify.calls().size() - spotifyBefore, "nothing drifted: no call");
    }

    @Test
    void verifyingALinkCostsOneStronglyConsistentReadAndOneSpotifyCall() {
        linkMembers();
        new ReconcileHandler(bed.wiring)
                .handleRequest(LambdaEvents.scheduledEvent("reconcile/scheduled.json"), fiveMinutes());
        Instant dayAgo = Instant.now().minus(VerificationWindow.PERIOD);
        new DynamoReconcileStateStore(bed.dynamo, bed.environment.get("RECONCILE_STATE_TABLE"))
                .startPass(new ReconcileState(false, 0, Map.of(), new VerificationWindow(dayAgo, dayAgo)));
        counter.reset();
        long verificationsBefore = bed.spotify.calls("get-entitlements").size();

        ReconcileReport report = new ReconcileHandler(bed.wiring)
                .handleRequest(LambdaEvents.scheduledEvent("reconcile/scheduled.json"), fiveMinutes());

        assertEquals(LINKS, report.verified(), "a day since the last pass: every link verified");
        assertEquals(1L + LINKS, counter.calls().get("GetItem"), "the state, then each verified link");
        assertEquals(LINKS, bed.spotify.calls("get-entitlements").size() - verificationsBefore);
    }

    /**
     * Read units of the links table's Scan per link, as dynalite reports them for this test's links (eventually
     * consistent: half a unit per 4 KB of items read, summed per page): docs/cost.md uses it.
     */
    static final double SCAN_READ_UNITS_PER_LINK = 0.04;

    private void linkMembers() {
        IntStream.range(0, LINKS)
                .mapToObj("member-%04d"::formatted)
                .forEach(m -> bed.link(m, "listener-" + m, Set.of("basic")));
    }

    private static TestContext fiveMinutes() {
        return TestContext.forFunction("reconcile", Duration.ofMinutes(5));
    }

    private static DynamodbEvent event(Membership member) {
        ObjectNode record = JSON.createObjectNode()
                .put("eventID", "change-1")
                .put("eventName", "MODIFY")
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode change = record.putObject("dynamodb");
        change.put("ApproximateCreationDateTime", 1764165600);
        ObjectNode keys = change.putObject("Keys");
        keys.putObject("userId").put("S", member.userId());
        keys.putObject("partnerId").put("S", member.partnerId());
        change.put("SequenceNumber", "%021d".formatted(1));
        change.put("SizeBytes", 64);
        change.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put(
                "eventSourceARN",
                "arn:aws:dynamodb:us-east-1:123456789012:table/entitlements/stream/2026-11-26T15:00:00.000");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return LambdaEvents.fromJson(event.toString(), DynamodbEvent.class);
    }
}
