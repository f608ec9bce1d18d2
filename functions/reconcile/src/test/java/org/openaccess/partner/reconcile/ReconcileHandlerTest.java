package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.entitlements.DynamoEntitlementStore;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.DynamoLinkStore;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.storage.DynamoWire;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.core.testing.EntitlementTestBedExtension;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The scheduled reconciler against dynalite and the Spotify emulator, driven by {@code events/reconcile/scheduled.json}. */
@org.junit.jupiter.api.Tag("integration")
class ReconcileHandlerTest {
    @RegisterExtension
    static final EntitlementTestBedExtension DEPLOYMENT = new EntitlementTestBedExtension(ReconcileHandler.REQUIRED);

    private EntitlementTestBed bed;

    @BeforeEach
    void setUp(EntitlementTestBed bed) {
        this.bed = bed;
    }

    private static ScheduledEvent schedule() {
        return LambdaEvents.scheduledEvent("reconcile/scheduled.json");
    }

    private static TestContext fiveMinutes() {
        return TestContext.forFunction("reconcile", Duration.ofMinutes(5));
    }

    private static String member(int i) {
        return "member-%04d".formatted(i);
    }

    private DynamoReconcileStateStore stateStore() {
        return new DynamoReconcileStateStore(bed.dynamo, bed.environment.get("RECONCILE_STATE_TABLE"));
    }

    /** Links users 0..n-1 with {basic}; returns their ids. */
    private List<String> linkMembers(int n) {
        List<String> members =
                IntStream.range(0, n).mapToObj(ReconcileHandlerTest::member).toList();
        members.forEach(m -> bed.link(m, "listener-" + m, Set.of("basic")));
        return members;
    }

    @Test
    void repairsEveryDriftedLinkedUserFromTheTablesAlone() {
        List<String> members = linkMembers(5);
        // Changes the stream never delivered (e.g. records past their retries).
        bed.change(members.get(0), Set.of("premium"));
        bed.change(members.get(1), Set.of());
        bed.change(members.get(2), Set.of("basic", "premium"));
        bed.wiring.links().recordUnlinked(EntitlementTestBed.member(members.get(3)), Instant.now());
        bed.change(members.get(3), Set.of("premium"));

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(4, 3, 1, 0, 0, 0, 0, 0, true), report);
        for (String member : List.of(members.get(0), members.get(1), members.get(2), members.get(4))) {
            assertEquals(bed.inTable(member), bed.onSpotify(member), member);
        }
        assertEquals(Set.of("basic"), bed.onSpotify(members.get(3)), "an unlinked user is left alone");
        assertEquals(3, bed.replaceCalls());
        assertTrue(LambdaEvents.toJson(report).contains("\"passComplete\":true"), LambdaEvents.toJson(report));

        ReconcileReport again = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());
        assertEquals(new ReconcileReport(4, 0, 4, 0, 0, 0, 0, 0, true), again);
        assertEquals(3, bed.replaceCalls(), "nothing left to repair: no call");
    }

    /** The deployed reconciler's parts over the test bed, with its own sync step and parallelism. */
    private Reconciler reconciler(Reconciler.UserCheck sync, Reconciler.Parallelism parallelism, Clock clock) {
        return new Reconciler(
                bed.wiring.links()::linkedUsers,
                bed.wiring.entitlements()::recent,
                sync,
                bed.wiring.entitlementSync()::verifyUntil,
                stateStore(),
                clock,
                ReconcileHandler.SAFETY_MARGIN,
                parallelism);
    }

    /** The deployed sync, with Spotify rate-limiting every call (for 10 minutes) from the {@code n+1}-th sync on. */
    private Reconciler throttledAfter(int n, Reconciler.Parallelism parallelism) {
        AtomicInteger repaired = new AtomicInteger();
        return reconciler(
                (membership, deadline) -> {
                    if (repaired.incrementAndGet() == n + 1) {
                        bed.spotify.faults().inject("replace-entitlements", Fault.rateLimited(Duration.ofMinutes(10)));
                    }
                    return bed.wiring.entitlementSync().syncUntil(membership, deadline);
                },
                parallelism,
                Clock.systemUTC());
    }

    @Test
    void aRunThatHasToStopResumesAtThePageItStoppedIn() {
        List<String> members = linkMembers(150);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        DynamoReconcileStateStore states = stateStore();
        // Spotify starts throttling hard after 120 users: the run stops in the second page.
        Reconciler.Parallelism oneSegment = new Reconciler.Parallelism(1, 1);
        Reconciler throttledAfter120 = throttledAfter(120, oneSegment);

        ReconcileReport first = throttledAfter120.run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(123, 120, 0, 0, 3, 0, 0, 0, false), first);
        assertTrue(states.load().orElseThrow().of(0).cursor().isPresent(), "the start of the second page is saved");

        bed.spotify.faults().clear();
        ReconcileReport second = reconciler(bed.wiring.entitlementSync()::syncUntil, oneSegment, Clock.systemUTC())
                .run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(50, 30, 20, 0, 0, 0, 0, 0, true), second, "resumed at user 101, not 1");
        members.forEach(m -> assertEquals(Set.of("premium"), bed.onSpotify(m), m));
        assertFalse(states.load().orElseThrow().passOpen(), "the next run starts a new pass");
    }

    @Test
    void eachSegmentResumesAtItsOwnCursor() {
        List<String> members = linkMembers(400);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        Reconciler.Parallelism fourSegments = new Reconciler.Parallelism(4, 2);
        Reconciler throttledAfter250 = throttledAfter(250, fourSegments);

        ReconcileReport first = throttledAfter250.run(Duration.ofMinutes(5), JsonLog.discarding());
        ReconcileState stopped = stateStore().load().orElseThrow();
        bed.spotify.faults().clear();
        ReconcileReport second = reconciler(bed.wiring.entitlementSync()::syncUntil, fourSegments, Clock.systemUTC())
                .run(Duration.ofMinutes(5), JsonLog.discarding());

        assertFalse(first.passComplete());
        assertEquals(4, stopped.segments());
        assertTrue(stopped.pending().length > 0, "some segment stopped before its end: " + stopped);
        // The other worker's call in flight when the limit came may be refused too: 249 or 250 got through.
        assertTrue(first.sent() >= 249 && first.sent() <= 250, first.toString());
        assertTrue(second.passComplete());
        assertEquals(400 - first.sent(), second.sent(), "every link sent once over the two runs");
        assertTrue(second.checked() < 400, "the second run resumed, it did not start over: " + second);
        members.forEach(m -> assertEquals(Set.of("premium"), bed.onSpotify(m), m));
    }

    @Test
    void spotifyIsCalledOnlyForTheLinksThatDiffer() {
        List<String> members = linkMembers(230);
        List<String> drifted = List.of(members.get(3), members.get(117), members.get(229));
        drifted.forEach(m -> bed.change(m, Set.of("premium")));
        List<Membership> synced = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        ReconcileReport report = reconciler(
                        (membership, deadline) -> {
                            synced.add(membership);
                            return bed.wiring.entitlementSync().syncUntil(membership, deadline);
                        },
                        Reconciler.Parallelism.DEFAULT,
                        Clock.systemUTC())
                .run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(230, 3, 227, 0, 0, 0, 0, 0, true), report);
        assertEquals(
                drifted.stream().map(EntitlementTestBed::member).collect(java.util.stream.Collectors.toSet()),
                Set.copyOf(synced));
        assertEquals(3, bed.replaceCalls());
    }

    @Test
    void dynamoDbThrottlingIsWaitedOutNotAFailure() {
        List<String> members = linkMembers(120);
        members.subList(0, 5).forEach(m -> bed.change(m, Set.of("premium")));
        DynamoWire wire = DynamoWire.answering("ProvisionedThroughputExceededException")
                .throttleNext("Scan", 4)
                .throttleNext("BatchGetItem", 4)
                .leaveUnprocessed(2);
        DynamoLinkStore links =
                new DynamoLinkStore(wire.client(), bed.environment.get("LINKS_TABLE"), bed.wiring.clock());
        DynamoEntitlementStore entitlements =
                new DynamoEntitlementStore(wire.client(), bed.environment.get("ENTITLEMENTS_TABLE"));
        Reconciler reconciler = new Reconciler(
                links::linkedUsers,
                entitlements::recent,
                bed.wiring.entitlementSync()::syncUntil,
                bed.wiring.entitlementSync()::verifyUntil,
                stateStore(),
                Clock.systemUTC(),
                ReconcileHandler.SAFETY_MARGIN,
                new Reconciler.Parallelism(2, 2));

        ReconcileReport report = reconciler.run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(120, 5, 115, 0, 0, 0, 0, 0, true), report);
        assertTrue(wire.calls("Scan") >= 4 + 2, "the throttled scans were asked again: " + wire.calls("Scan"));
        members.subList(0, 5).forEach(m -> assertEquals(Set.of("premium"), bed.onSpotify(m), m));
    }

    @Test
    void spotifyThrottlingEveryCallStopsTheRunEarly() {
        List<String> members = linkMembers(40);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        bed.spotify.faults().inject("replace-entitlements", Fault.rateLimited(Duration.ofMinutes(10)));
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        // Workers in flight when the third deferral in a row came finish their link: a few more than 3.
        assertEquals(0, report.sent());
        assertEquals(report.checked(), report.deferred(), report.toString());
        assertTrue(report.deferred() >= Reconciler.DEFERRALS_BEFORE_STOPPING, report.toString());
        assertTrue(report.deferred() < 40, "stopped early: " + report);
        assertFalse(report.passComplete());
        assertTrue(context.logs().contains("repair deferred to the next pass"), context.logs());
        assertFalse(context.logs().contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
    }

    @Test
    void aSavedCursorItCannotReadStartsItsSegmentOver() {
        linkMembers(3).forEach(m -> bed.change(m, Set.of("premium")));
        Instant now = Instant.now();
        Map<Integer, SegmentProgress> unreadable = new java.util.HashMap<>();
        for (int segment = 0; segment < Reconciler.Parallelism.DEFAULT.segments(); segment++) {
            unreadable.put(segment, SegmentProgress.at("not-a-cursor-of-this-store"));
        }
        stateStore()
                .startPass(new ReconcileState(
                        true, Reconciler.Parallelism.DEFAULT.segments(), unreadable, new VerificationWindow(now, now)));
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        assertEquals(new ReconcileReport(3, 3, 0, 0, 0, 0, 0, 0, true), report);
        assertTrue(context.logs().contains("saved cursor not understood"), context.logs());
    }

    @Test
    void aListenerWhoUnlinkedOnSpotifysSideIsFoundWhenTheirTurnComesAndRecordedUnlinked() {
        List<String> members = linkMembers(3);
        String gone = members.get(1);
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.PARTNER_ID, bed.puid(gone));
        lastPassADayAgo();
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        assertEquals(new ReconcileReport(3, 0, 2, 0, 0, 0, 2, 1, true), report, "a day since: every link's turn came");
        Link link = bed.link(gone).orElseThrow();
        assertEquals(LinkStatus.UNLINKED, link.status());
        assertTrue(link.unlinkedAt().isPresent(), "when it was found");
        assertTrue(
                context.loggedLines().stream()
                        .anyMatch(line -> line.contains("listener unlinked on Spotify's side")
                                && line.contains(gone)
                                && line.contains("get-entitlements 404")),
                context.logs());
        members.forEach(m -> assertEquals(1, verifications(m), m));
        assertEquals(0, bed.replaceCalls(), "nothing to repair, and nothing sent to the gone link");
        assertEquals(LinkStatus.LINKED, bed.link(members.get(0)).orElseThrow().status());
    }

    @Test
    void everyLinkIsVerifiedOnceADayWhateverTheSchedule() {
        List<String> members = linkMembers(12);
        MovingClock clock = MovingClock.atNow();
        Reconciler reconciler =
                reconciler(bed.wiring.entitlementSync()::syncUntil, new Reconciler.Parallelism(2, 2), clock);
        assertEquals(
                0,
                reconciler.run(Duration.ofMinutes(5), JsonLog.discarding()).verified(),
                "the first pass starts the rotation");

        int verified = 0;
        for (int pass = 0; pass < 96; pass++) { // a day at the default rate(15 minutes)
            clock.advance(Duration.ofMinutes(15));
            verified +=
                    reconciler.run(Duration.ofMinutes(5), JsonLog.discarding()).verified();
        }

        assertEquals(members.size(), verified);
        members.forEach(m -> assertEquals(1, verifications(m), m + " once in the day"));

        for (int pass = 0; pass < 36; pass++) { // another day at rate(40 minutes)
            clock.advance(Duration.ofMinutes(40));
            reconciler.run(Duration.ofMinutes(5), JsonLog.discarding());
        }
        members.forEach(m -> assertEquals(2, verifications(m), m + " once more in the second day"));
    }

    @Test
    void aUserWhoseIdIsTheOldCursorKeyStaysLinkedThroughReconcilePasses() {
        String user = "#reconcile-cursor"; // where the cursor used to live, in the links table
        bed.link(user, "listener-cursor", Set.of("basic"));
        bed.change(user, Set.of("premium"));
        linkMembers(3);

        ReconcileReport first = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());
        ReconcileReport second = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(1, first.sent(), first.toString());
        assertEquals(4, second.checked(), "still one of the linked users: " + second);
        Link link = bed.link(user).orElseThrow();
        assertEquals(LinkStatus.LINKED, link.status());
        assertEquals(bed.puid(user), link.partnerUserId());
        assertEquals(Set.of("premium"), bed.onSpotify(user));
        // What unlink does with the link it finds: Spotify's unlink-user for its PUID.
        assertInstanceOf(
                OpenAccessResult.Ok.class, bed.wiring.openAccess().unlinkUser(link.partnerId(), link.partnerUserId()));
    }

    @Test
    void eachMembershipOfAUserIsRepairedToItsOwnPartner() {
        Membership adaAtDefault = EntitlementTestBed.member("member-ada");
        Membership adaAtCreator = new Membership("member-ada", EntitlementTestBed.SECOND_PARTNER_ID);
        Membership graceAtCreator = new Membership("member-grace", EntitlementTestBed.SECOND_PARTNER_ID);
        bed.link(adaAtDefault, "ada", Set.of("basic"));
        bed.link(adaAtCreator, "ada", Set.of("gold"));
        bed.link(graceAtCreator, "grace", Set.of("gold"));
        // Drift the stream never delivered: ada's creator membership only, and grace's, who is no default member.
        bed.change(adaAtCreator, Set.of("gold", "silver"));
        bed.change(graceAtCreator, Set.of());
        bed.change(new Membership("member-grace", EntitlementTestBed.PARTNER_ID), Set.of("premium"));

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(3, 2, 1, 0, 0, 0, 0, 0, true), report, "three links, two drifted");
        assertEquals(Set.of("gold", "silver"), bed.onSpotify(adaAtCreator));
        assertEquals(Set.of(), bed.onSpotify(graceAtCreator));
        assertEquals(Set.of("basic"), bed.onSpotify(adaAtDefault));
        assertEquals(0, bed.replaceCallsFor(EntitlementTestBed.PARTNER_ID), "nothing sent to the default partner");
        assertEquals(2, bed.replaceCallsFor(EntitlementTestBed.SECOND_PARTNER_ID));
        assertTrue(
                bed.link(new Membership("member-grace", EntitlementTestBed.PARTNER_ID))
                        .isEmpty(),
                "grace's default membership has entitlements but no link: not sent, no link made");
    }

    @Test
    void aListenerWhoUnlinkedOneCreatorOnSpotifyStaysLinkedToTheOther() {
        Membership adaAtDefault = EntitlementTestBed.member("member-ada");
        Membership adaAtCreator = new Membership("member-ada", EntitlementTestBed.SECOND_PARTNER_ID);
        bed.link(adaAtDefault, "ada", Set.of("basic"));
        bed.link(adaAtCreator, "ada", Set.of("gold"));
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.SECOND_PARTNER_ID, bed.puid(adaAtCreator));
        lastPassADayAgo();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(2, 0, 1, 0, 0, 0, 1, 1, true), report);
        assertEquals(LinkStatus.UNLINKED, bed.link(adaAtCreator).orElseThrow().status());
        assertEquals(LinkStatus.LINKED, bed.link(adaAtDefault).orElseThrow().status());
        assertEquals(
                Set.of(EntitlementTestBed.PARTNER_ID, EntitlementTestBed.SECOND_PARTNER_ID),
                bed.spotify.calls("get-entitlements").stream()
                        .map(call -> call.partnerId())
                        .collect(java.util.stream.Collectors.toSet()),
                "each link verified with its own partner id");
    }

    /** The state a pass a day ago left: the next pass's window covers a whole period. */
    private void lastPassADayAgo() {
        Instant dayAgo = Instant.now().minus(VerificationWindow.PERIOD);
        stateStore()
                .startPass(new ReconcileState(
                        false, 0, Map.of(), new VerificationWindow(dayAgo.minus(Duration.ofMinutes(15)), dayAgo)));
    }

    /** get-entitlements calls Spotify received for this member. */
    private long verifications(String member) {
        String puid = bed.puid(member);
        return bed.spotify.calls("get-entitlements").stream()
                .filter(call -> puid.equals(call.partnerUserId()))
                .count();
    }

    @Test
    void primingTouchesNeitherSpotifyNorTheTables() {
        linkMembers(2).forEach(m -> bed.change(m, Set.of("premium")));
        ReconcilePriming priming = new ReconcilePriming(bed.wiring, ReconcileHandler.SAFETY_MARGIN);

        priming.beforeCheckpoint(null);

        assertEquals(List.of(), bed.spotify.calls());
        assertEquals(Optional.empty(), stateStore().load());
        assertEquals(
                Set.of("basic"),
                bed.link(member(0)).flatMap(Link::lastSent).orElseThrow().entitlements());
    }
}
