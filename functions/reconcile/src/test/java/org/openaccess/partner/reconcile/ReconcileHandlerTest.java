package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The scheduled reconciler against dynalite and the Spotify emulator, driven by {@code events/reconcile/scheduled.json}. */
class ReconcileHandlerTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

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
        bed.wiring.links().recordUnlinked(members.get(3), Instant.now());
        bed.change(members.get(3), Set.of("premium"));

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(4, 3, 1, 0, 0, 0, true), report);
        for (String member : List.of(members.get(0), members.get(1), members.get(2), members.get(4))) {
            assertEquals(bed.inTable(member), bed.onSpotify(member), member);
        }
        assertEquals(Set.of("basic"), bed.onSpotify(members.get(3)), "an unlinked user is left alone");
        assertEquals(3, bed.replaceCalls());
        assertTrue(LambdaEvents.toJson(report).contains("\"passComplete\":true"), LambdaEvents.toJson(report));

        ReconcileReport again = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());
        assertEquals(new ReconcileReport(4, 0, 4, 0, 0, 0, true), again);
        assertEquals(3, bed.replaceCalls(), "nothing left to repair: no call");
    }

    @Test
    void aRunThatHasToStopResumesAtThePageItStoppedIn() {
        List<String> members = linkMembers(150);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        DynamoReconcileCursorStore cursors =
                new DynamoReconcileCursorStore(bed.dynamo, bed.environment.get("LINKS_TABLE"), Clock.systemUTC());
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
                cursors,
                Clock.systemUTC(),
                ReconcileHandler.SAFETY_MARGIN);

        ReconcileReport first = throttledAfter120.run(Duration.ofMinutes(5), JsonLog.discarding());

        assertEquals(new ReconcileReport(123, 120, 0, 0, 3, 0, false), first);
        assertTrue(cursors.load().isPresent(), "the start of the second page is saved");
        assertTrue(bed.wiring.links().find(DynamoReconcileCursorStore.ITEM_KEY).isEmpty(), "the cursor is no link");

        bed.spotify.faults().clear();
        ReconcileReport second = new ReconcileHandler(bed.wiring).handleRequest(schedule(), fiveMinutes());

        assertEquals(new ReconcileReport(50, 30, 20, 0, 0, 0, true), second, "resumed at user 101, not 1");
        members.forEach(m -> assertEquals(Set.of("premium"), bed.onSpotify(m), m));
        assertEquals(Optional.empty(), cursors.load(), "the next run starts a new pass");
    }

    @Test
    void spotifyThrottlingEveryCallStopsTheRunEarly() {
        List<String> members = linkMembers(10);
        members.forEach(m -> bed.change(m, Set.of("premium")));
        bed.spotify.faults().inject("replace-entitlements", Fault.rateLimited(Duration.ofMinutes(10)));
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        assertEquals(new ReconcileReport(3, 0, 0, 0, 3, 0, false), report);
        assertTrue(context.logs().contains("repair deferred to the next pass"), context.logs());
        assertFalse(context.logs().contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
    }

    @Test
    void aSavedCursorItCannotReadStartsANewPass() {
        linkMembers(3).forEach(m -> bed.change(m, Set.of("premium")));
        new DynamoReconcileCursorStore(bed.dynamo, bed.environment.get("LINKS_TABLE"), Clock.systemUTC())
                .save("not-a-cursor-of-this-store");
        TestContext context = fiveMinutes();

        ReconcileReport report = new ReconcileHandler(bed.wiring).handleRequest(schedule(), context);

        assertEquals(new ReconcileReport(3, 3, 0, 0, 0, 0, true), report);
        assertTrue(context.logs().contains("saved cursor not understood"), context.logs());
    }

    @Test
    void primingTouchesNeitherSpotifyNorTheTables() {
        linkMembers(2).forEach(m -> bed.change(m, Set.of("premium")));
        ReconcilePriming priming = new ReconcilePriming(bed.wiring, ReconcileHandler.SAFETY_MARGIN);

        priming.beforeCheckpoint(null);

        assertEquals(List.of(), bed.spotify.calls());
        assertEquals(
                Optional.empty(),
                new DynamoReconcileCursorStore(bed.dynamo, bed.environment.get("LINKS_TABLE"), Clock.systemUTC())
                        .load());
        assertEquals(
                Set.of("basic"),
                bed.link(member(0)).flatMap(Link::lastSent).orElseThrow().entitlements());
    }
}
