package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * The deployed handler, fed the stream events in {@code events/entitlement-push/}, against dynalite and the
 * Spotify emulator. {@code stream-batch.json}: at the default partner member-ada changes three times, member-grace
 * three times, member-alan's item is removed, member-linus (never linked) changes once; then member-grace's
 * membership of a second partner (a platform's creator) changes once.
 */
@org.junit.jupiter.api.Tag("integration")
class EntitlementPushHandlerTest {
    private static final Membership ADA = LinkedStreamBatch.ADA;
    private static final Membership GRACE = LinkedStreamBatch.GRACE;
    private static final Membership ALAN = LinkedStreamBatch.ALAN;
    private static final Membership LINUS = EntitlementTestBed.member("member-linus");
    private static final Membership GRACE_AT_CREATOR =
            new Membership("member-grace", EntitlementTestBed.SECOND_PARTNER_ID);

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private EntitlementTestBed bed;
    private EntitlementPushHandler handler;

    @BeforeEach
    void linkThreeMembersAndChangeTwoMore() {
        LinkedStreamBatch linked = LinkedStreamBatch.deploy(SPOTIFY.emulator());
        bed = linked.bed();
        handler = linked.handler();
        // The batch's two other memberships: never linked, and grace's at a second partner.
        bed.change(LINUS, Set.of("basic"));
        bed.change(GRACE_AT_CREATOR, Set.of("gold"));
    }

    private static DynamodbEvent streamBatch() {
        return LambdaEvents.dynamodbEvent("entitlement-push/stream-batch.json");
    }

    private static TestContext lambdaContext() {
        return TestContext.forFunction("entitlement-push", Duration.ofSeconds(60));
    }

    @Test
    void eachChangedLinkedUserGetsTheirCurrentSetInOneCall() {
        StreamsEventResponse response = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA));
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE));
        assertEquals(Set.of(), bed.onSpotify(ALAN), "a REMOVE means no entitlements");
        assertEquals(1, bed.replaceCalls(ADA), "three records of one user make one call");
        assertEquals(1, bed.replaceCalls(GRACE));
        assertEquals(1, bed.replaceCalls(ALAN));
        assertEquals(0, bed.replaceCalls(LINUS), "a user who never linked is not sent");
        assertEquals(
                0,
                bed.replaceCallsFor(EntitlementTestBed.SECOND_PARTNER_ID),
                "grace linked the default partner only: her creator membership is not sent");
        assertEquals(3, bed.replaceCalls());
        assertEquals(
                Set.of("basic", "premium"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements());
    }

    @Test
    void aUserLinkedToTwoPartnersGetsEachMembershipsSetSentToItsOwnPartner() {
        bed.link(GRACE_AT_CREATOR, "grace", Set.of("silver"));
        bed.change(GRACE_AT_CREATOR, Set.of("gold"));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("gold"), bed.onSpotify(GRACE_AT_CREATOR));
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE), "the default partner got the default membership's set");
        assertEquals(1, bed.replaceCalls(GRACE_AT_CREATOR));
        assertEquals(1, bed.replaceCalls(GRACE));
        assertEquals(1, bed.replaceCallsFor(EntitlementTestBed.SECOND_PARTNER_ID));
        assertEquals(3, bed.replaceCallsFor(EntitlementTestBed.PARTNER_ID));
    }

    @Test
    void aChangeOfOneMembershipOnlyCallsSpotifyForThatPartner() {
        bed.link(GRACE_AT_CREATOR, "grace", Set.of("silver"));
        handler.handleRequest(streamBatch(), lambdaContext());
        long defaultCalls = bed.replaceCallsFor(EntitlementTestBed.PARTNER_ID);

        bed.change(GRACE_AT_CREATOR, Set.of("gold", "silver"));
        StreamsEventResponse response = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("gold", "silver"), bed.onSpotify(GRACE_AT_CREATOR));
        assertEquals(defaultCalls, bed.replaceCallsFor(EntitlementTestBed.PARTNER_ID), "no call for the default");
        assertEquals(1, bed.replaceCalls(GRACE_AT_CREATOR), "the first batch found its set unchanged");
    }

    @Test
    void aRedeliveredBatchMakesNoCallsBecauseNothingChanged() {
        handler.handleRequest(streamBatch(), lambdaContext());
        long callsAfterFirst = bed.replaceCalls();

        StreamsEventResponse again = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), again.getBatchItemFailures());
        assertEquals(callsAfterFirst, bed.replaceCalls());
    }

    @Test
    void usersUnlinkedOnOurSideAreNotSent() {
        bed.wiring.links().recordUnlinked(GRACE, Instant.now());

        handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(0, bed.replaceCalls(GRACE));
        assertEquals(Set.of("basic"), bed.onSpotify(GRACE), "Spotify keeps what it had");
        assertEquals(1, bed.replaceCalls(ADA));
    }

    @Test
    void aLinkSpotifyNoLongerKnowsIsRecordedUnlinkedAndNotPushedAgain() {
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.PARTNER_ID, bed.puid(ADA));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures(), "a 404 is an answer, not a failure");
        assertEquals(LinkStatus.UNLINKED, bed.link(ADA).orElseThrow().status());
        assertEquals(1, bed.replaceCalls(ADA));
        bed.change(ADA, Set.of("basic"));
        handler.handleRequest(streamBatch(), lambdaContext());
        assertEquals(1, bed.replaceCalls(ADA), "no more pushes for an unlinked user");
    }

    @Test
    void throttlingOutagesAndDroppedConnectionsAreRetriedWithinTheInvocation() {
        bed.spotify
                .faults()
                .inject(
                        "replace-entitlements",
                        Fault.rateLimited(Duration.ofSeconds(1)).times(2))
                .inject("replace-entitlements", Fault.status(503).times(1))
                .inject("replace-entitlements", Fault.dropConnection().times(1));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA));
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE));
        assertEquals(Set.of(), bed.onSpotify(ALAN));
        assertTrue(bed.replaceCalls() >= 3 + 2, "the 429s were answered, then the retries went through");
    }

    @Test
    void aUserStillFailingWhenTimeRunsOutIsReportedAndNothingAfterItIsLost() {
        // Another sender holds grace's lease for longer than this invocation has: grace cannot be synced.
        assertTrue(bed.wiring.links().tryLease(GRACE, "another-sender", Duration.ofMinutes(5), Instant.now()));
        TestContext shortInvocation =
                TestContext.forFunction("entitlement-push", EntitlementPushHandler.SAFETY_MARGIN.plusSeconds(2));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), shortInvocation);

        assertEquals(List.of("100000000000000002000"), identifiers(response), "grace's first record");
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA), "ada came before grace");
        // Alan comes after grace: synced beside her while she waited for the lease, and redelivered all the same.
        assertEquals(Set.of(), bed.onSpotify(ALAN));
        assertEquals(1, bed.replaceCalls(ALAN));
        assertTrue(LambdaEvents.toJson(response).contains("\"itemIdentifier\":\"100000000000000002000\""));

        // Lambda redelivers from grace's record on; once the lease is free everything converges.
        bed.wiring.links().releaseLease(GRACE, "another-sender");
        StreamsEventResponse redelivered = handler.handleRequest(streamBatch(), lambdaContext());
        assertEquals(List.of(), redelivered.getBatchItemFailures());
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE));
        assertEquals(Set.of(), bed.onSpotify(ALAN));
        assertEquals(1, bed.replaceCalls(ADA), "ada was already in sync");
        assertEquals(1, bed.replaceCalls(ALAN), "so was alan: the redelivery found his set unchanged");
    }

    @Test
    void oneAfterAnotherNothingAfterTheFailedUserIsStarted() {
        EntitlementPushHandler oneAtATime = new EntitlementPushHandler(bed.wiring, 1);
        assertTrue(bed.wiring.links().tryLease(GRACE, "another-sender", Duration.ofMinutes(5), Instant.now()));
        TestContext shortInvocation =
                TestContext.forFunction("entitlement-push", EntitlementPushHandler.SAFETY_MARGIN.plusSeconds(2));

        StreamsEventResponse response = oneAtATime.handleRequest(streamBatch(), shortInvocation);

        assertEquals(List.of("100000000000000002000"), identifiers(response), "grace's first record");
        assertEquals(0, bed.replaceCalls(ALAN), "alan comes after grace: left for the redelivery");
        assertTrue(shortInvocation.logs().contains("\"NotStarted\":"), shortInvocation.logs());
    }

    @Test
    void aMembershipStillFailingIsReportedByItsOwnFirstRecordNotItsUsersOther() {
        bed.link(GRACE_AT_CREATOR, "grace", Set.of("silver"));
        // Grace's creator membership is busy; her default membership is not.
        assertTrue(
                bed.wiring.links().tryLease(GRACE_AT_CREATOR, "another-sender", Duration.ofMinutes(5), Instant.now()));
        TestContext shortInvocation =
                TestContext.forFunction("entitlement-push", EntitlementPushHandler.SAFETY_MARGIN.plusSeconds(2));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), shortInvocation);

        assertEquals(List.of("100000000000000009000"), identifiers(response), "the creator membership's record");
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE), "grace's default membership was synced");
        assertEquals(Set.of("silver"), bed.onSpotify(GRACE_AT_CREATOR));
        assertEquals(0, bed.replaceCalls(GRACE_AT_CREATOR));
    }

    @Test
    void spotifyDownForTheWholeInvocationReportsTheFirstChangedUser() {
        bed.spotify.faults().inject("replace-entitlements", Fault.status(503));
        TestContext shortInvocation =
                TestContext.forFunction("entitlement-push", EntitlementPushHandler.SAFETY_MARGIN.plusSeconds(2));

        StreamsEventResponse response = handler.handleRequest(streamBatch(), shortInvocation);

        assertEquals(List.of("100000000000000001000"), identifiers(response));
        assertEquals(Set.of("basic"), bed.onSpotify(ADA));
        assertTrue(shortInvocation.logs().contains("push deferred"), shortInvocation.logs());
    }

    @Test
    void malformedRecordsAreLoggedAndSkippedWithoutLosingTheirNeighbours() {
        TestContext context = lambdaContext();

        StreamsEventResponse response =
                handler.handleRequest(LambdaEvents.dynamodbEvent("entitlement-push/malformed-records.json"), context);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA), "the valid record before the bad ones");
        assertEquals(Set.of("premium"), bed.onSpotify(GRACE), "the valid record after the bad ones");
        String logs = context.logs();
        long skipped = context.loggedLines().stream()
                .filter(l -> l.contains("skipped malformed stream record"))
                .count();
        assertEquals(6, skipped, logs);
        for (String reason : List.of(
                "no userId key",
                "no partnerId key",
                "userId key is not a non-empty string",
                "unknown eventName",
                "no dynamodb section",
                "no SequenceNumber")) {
            assertTrue(logs.contains(reason), reason + " in " + logs);
        }
        assertFalse(logs.contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
    }

    @Test
    void anEmptyOrRecordlessEventIsAnEmptyAnswer() {
        StreamsEventResponse response = handler.handleRequest(new DynamodbEvent(), lambdaContext());

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(0, bed.replaceCalls());
    }

    @Test
    void primingTouchesNeitherSpotifyNorTheTables() {
        PushPriming priming = new PushPriming(bed.wiring, EntitlementPushHandler.SAFETY_MARGIN);

        priming.beforeCheckpoint(null);

        assertEquals(List.of(), bed.spotify.calls());
        assertEquals(
                Set.of("basic"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements(),
                "no sync ran: ada's change is still waiting for its stream record");
    }

    private static List<String> identifiers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
