package org.openaccess.partner.reconcile;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crac.Resource;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.core.wiring.LambdaRuntimeSerialization;

/**
 * SnapStart priming: before the snapshot, warm core (no network) and run the reconciler over one in-memory
 * page per segment whose links need nothing (verified, unchanged), so that a restored container finds this function's classes loaded.
 */
final class ReconcilePriming implements Resource {
    private final CoreWiring wiring;
    private final Reconciler dryRun;

    ReconcilePriming(CoreWiring wiring, Duration safetyMargin) {
        this.wiring = wiring;
        List<Link> samplePage = List.of(new Link(
                new Membership("priming-user", "primingPartner00000000"),
                "0000000000000000",
                LinkStatus.LINKED,
                Instant.EPOCH,
                Optional.empty(),
                Optional.of(new SentEntitlements(Set.of(), Instant.EPOCH, Instant.EPOCH))));
        // Two segments on two threads: the pool, the batched comparison and the state's saves all run.
        this.dryRun = new Reconciler(
                (segment, cursor, limit) -> new LinkStore.Page(samplePage, Optional.empty()),
                memberships -> Map.of(samplePage.getFirst().membership(), Set.of()),
                (membership, deadline) -> new SyncOutcome.Unchanged(),
                (membership, deadline) -> new SyncOutcome.Unchanged(),
                new InMemoryState(),
                Clock.systemUTC(),
                safetyMargin,
                new Reconciler.Parallelism(2, 2));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // The schedule's event read and the report written through the Lambda runtime's own serializer.
        wiring.primeUntilCompiled(() -> {
            LambdaRuntimeSerialization.asTheRuntimeReadsIt(sampleEvent());
            LambdaRuntimeSerialization.asTheRuntimeWritesIt(dryRun.run(Duration.ofMinutes(1), JsonLog.discarding()));
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: no connection or random state was created before the snapshot.
    }

    /** What EventBridge Scheduler sends (the handler reads nothing from it). */
    static ScheduledEvent sampleEvent() {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setRegion("eu-west-1");
        event.setDetail(Map.of());
        return event;
    }

    /** Starts every dry run at a window of a whole period, so that the verification path is primed too. */
    private static final class InMemoryState implements ReconcileStateStore {
        @Override
        public Optional<ReconcileState> load() {
            Instant now = Instant.now();
            return Optional.of(new ReconcileState(
                    true, 2, Map.of(), new VerificationWindow(now.minus(VerificationWindow.PERIOD), now)));
        }

        @Override
        public void startPass(ReconcileState state) {}

        @Override
        public void saveProgress(int segment, SegmentProgress progress) {}

        @Override
        public void completePass() {}
    }
}
