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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The scheduled reconciler against dynalite and the Spotify emulator, driven by {@code events/reconcile/scheduled.json}. */
@org.junit.jupiter.api.Tag("integration")
class ReconcileHandlerTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private EntitlementTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new EntitlementTestBed(SPOTIFY.emulator(), ReconcileHandler.REQUIRED);
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

    @Test
    void aRunThatHasToStopResumesAtThePageItStoppedIn() {
        List<String> members = linkMembers(150);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        DynamoReconcileStateStore states = stateStore();
        // Spotify starts throttling hard after 120 users: the run stops in the second page.
        AtomicInteger repaired = new AtomicInteger();
        Reconciler throttledAfter120 = new Reconciler(
                bed.wiring.links()::linkedUsers,
                (userId, deadline) -> {
                    if (repaired.incrementAndGet() == 121) {
                        bed.spotify.faults().inject("replace-entitlements", Fault.rateLimited(Duration.ofMinutes(10)));
                    }
                    return bed.wiring.entitlementSync().repairUntil(userId, deadline);
                },
                bed.wiring.entitlementSync()::verifyUntil,
                states,
                Clock.systemUTC(),
                ReconcileHandler.SAFETY_MARGIN);

        ReconcileReport first = throttledAfter120.run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(123, 120, 0, 0, 3, 0, 0, 0, false), first);
        assertTrue(states.load().orElseThrow().cursor().isPresent(), "the start of the second page is saved");

        bed.spotify.faults().clear();
        ReconcileReport second = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(50, 30, 20, 0, 0, 0, 0, 0, true), second, "resumed at user 101, not 1");
        members.forEach(m -> assertEquals(Set.of("premium"), bed.onSpotify(m), m));
        assertFalse(states.load().orElseThrow().passOpen(), "the next run starts a new pass");
    }

    @Test
    void spotifyThrottlingEveryCallStopsTheRunEarly() {
        List<String> members = linkMembers(10);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        bed.spotify.faults().inject("replace-entitlements", Fault.rateLimited(Duration.ofMinutes(10)));
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        assertEquals(new ReconcileReport(3, 0, 0, 0, 3, 0, 0, 0, false), report);
        assertTrue(context.logs().contains("repair deferred to the next pass"), context.logs());
        assertFalse(context.logs().contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
    }

    @Test
    void aSavedCursorItCannotReadStartsANewPass() {
        linkMembers(3).forEach(m -> bed.change(m, Set.of("premium")));
        Instant now = Instant.now();
        stateStore()
                .save(new ReconcileState(
                        true, Optional.of("not-a-cursor-of-this-store"), new VerificationWindow(now, now)));
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
        Reconciler reconciler = new Reconciler(
                bed.wiring.links()::linkedUsers,
                bed.wiring.entitlementSync()::repairUntil,
                bed.wiring.entitlementSync()::verifyUntil,
                stateStore(),
                clock,
                ReconcileHandler.SAFETY_MARGIN);
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
                .save(new ReconcileState(
                        false, Optional.empty(), new VerificationWindow(dayAgo.minus(Duration.ofMinutes(15)), dayAgo)));
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
