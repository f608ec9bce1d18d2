package org.openaccess.partner.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.linking.ScanSegment;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.ThrottlingBackoff;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * Walks every LINKED link (one per membership: a user linked to two partners has two) and sends those whose
 * current set differs from what Spotify was last given for that partner id. It needs nothing but the tables, so
 * it repairs whatever the stream could not deliver: records past their retries, an outage longer than the stream
 * keeps records. Along the way it verifies a rotating slice of the links with Spotify ({@link VerificationWindow}:
 * every link once a day) and records those a listener unlinked on Spotify's side.
 *
 * <p>The links table is read as a parallel scan of {@link Parallelism#segments} segments, walked by {@link
 * Parallelism#workers} threads. Each page of links costs one Scan and one BatchGetItem of their entitlements
 * (eventually consistent); only a link whose set differs from the last sent costs a sync (which re-reads both
 * consistently under the link's lease before it calls Spotify). DynamoDB throttling is waited out ({@link
 * ThrottlingBackoff}) until the run's deadline. A run stops before its time is up; each segment saves its cursor
 * every {@value #CHECKPOINT_PAGES} pages, and the next run resumes every segment where it stopped.
 *
 * @param pages one page of one segment of LINKED links: {@code LinkStore::linkedUsers}
 * @param sets many memberships' current sets: {@code EntitlementStore::recent}
 * @param sync one membership's sync until a deadline: {@code EntitlementSync::syncUntil}
 * @param verify one link's check with Spotify until a deadline: {@code EntitlementSync::verifyUntil}
 */
public record Reconciler(
        LinkedUserPages pages,
        CurrentSets sets,
        UserCheck sync,
        UserCheck verify,
        ReconcileStateStore states,
        Clock clock,
        Duration safetyMargin,
        Parallelism parallelism) {
    /** Links per page: one Scan call and one BatchGetItem (its limit is 100 keys). */
    static final int PAGE_SIZE = 100;
    /** Pages between saved cursors: at most this many pages are re-read (reads only, no call) after a stop. */
    static final int CHECKPOINT_PAGES = 10;
    /** One link may wait this long for Spotify (Retry-After, backoff) before being left to the next pass. */
    static final Duration PER_USER_LIMIT = Duration.ofSeconds(20);
    /** Links in a row Spotify could not take: it is down or throttling us, so stop and leave it to the next run. */
    static final int DEFERRALS_BEFORE_STOPPING = 3;

    @FunctionalInterface
    public interface LinkedUserPages {
        LinkStore.Page page(ScanSegment segment, Optional<String> cursor, int limit);
    }

    @FunctionalInterface
    public interface CurrentSets {
        Map<Membership, Set<String>> of(Collection<Membership> memberships);
    }

    @FunctionalInterface
    public interface UserCheck {
        SyncOutcome until(Membership membership, Instant deadline);
    }

    /**
     * How a pass is split: scan segments (DynamoDB's TotalSegments; each resumes at its own cursor) and the threads
     * that walk them. Spotify's latency is paid per thread, so {@code workers} bounds the calls in flight.
     */
    public record Parallelism(int segments, int workers) {
        /** Measured in docs/reconcile-benchmark.md: 1,000,000 links within the 15-minute schedule. */
        public static final Parallelism DEFAULT = new Parallelism(16, 16);

        public Parallelism {
            if (segments < 1 || workers < 1) {
                throw new IllegalArgumentException("at least one segment and one worker");
            }
        }
    }

    /** The deployed reconciler over {@code wiring}'s tables and clients: what the handler and {@code ./admin} run. */
    public static Reconciler of(CoreWiring wiring, String stateTable, Duration safetyMargin) {
        return new Reconciler(
                wiring.links()::linkedUsers,
                wiring.entitlements()::recent,
                wiring.entitlementSync()::syncUntil,
                wiring.entitlementSync()::verifyUntil,
                new DynamoReconcileStateStore(wiring.dynamoDb(), stateTable),
                wiring.clock(),
                safetyMargin,
                Parallelism.DEFAULT);
    }

    /** @param remaining the invocation's remaining time */
    public ReconcileReport run(Duration remaining, JsonLog log) {
        Instant now = clock.instant();
        Instant deadline = now.plus(remaining).minus(safetyMargin);
        ThrottlingBackoff backoff = new ThrottlingBackoff(clock);
        ReconcileState state = backoff.call(states::load, deadline).orElseGet(() -> ReconcileState.first(now));
        if (!state.passOpen() || state.segments() != parallelism.segments()) {
            // A new pass, or a pass split otherwise (the cursors of other segments mean nothing here).
            state = state.newPass(now, parallelism.segments());
            ReconcileState started = state;
            backoff.run(() -> states.startPass(started), deadline);
        }
        log.info(
                "reconcile started",
                "segments",
                state.segments(),
                "segmentsLeft",
                state.pending().length,
                "verifyFrom",
                state.window().from().toString(),
                "verifyTo",
                state.window().to().toString());
        Pass pass = new Pass(state, deadline, backoff, new Tally(), log);
        int[] pending = state.pending();
        boolean complete;
        ExecutorService workers =
                Executors.newFixedThreadPool(Math.min(parallelism.workers(), Math.max(pending.length, 1)));
        try {
            List<Future<Boolean>> segments = new ArrayList<>();
            for (int segment : pending) {
                segments.add(workers.submit(() -> pass.walk(segment)));
            }
            complete = true;
            for (Future<Boolean> segment : segments) {
                complete &= await(segment);
            }
        } finally {
            workers.shutdownNow();
        }
        if (complete) {
            backoff.run(states::completePass, deadline.plus(safetyMargin));
        }
        return pass.tally.report(complete, log);
    }

    private static boolean await(Future<Boolean> segment) {
        try {
            return segment.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One run's walk over the segments of the pass in progress. */
    private final class Pass {
        private final ReconcileState state;
        private final Instant deadline;
        private final ThrottlingBackoff backoff;
        private final Tally tally;
        private final JsonLog log;

        Pass(ReconcileState state, Instant deadline, ThrottlingBackoff backoff, Tally tally, JsonLog log) {
            this.state = state;
            this.deadline = deadline;
            this.backoff = backoff;
            this.tally = tally;
            this.log = log;
        }

        /** True when the segment reached its end; false when the run stopped in it (its cursor saved). */
        boolean walk(int index) {
            ScanSegment segment = new ScanSegment(index, state.segments());
            Optional<String> cursor = state.of(index).cursor();
            int unsaved = 0;
            while (true) {
                if (mustStop()) {
                    return stop(index, cursor);
                }
                Optional<String> at = cursor;
                LinkStore.Page page;
                try {
                    page = backoff.call(() -> pages.page(segment, at, PAGE_SIZE), deadline);
                } catch (IllegalArgumentException unreadableCursor) {
                    // A saved cursor the store no longer understands (e.g. its format changed): walk it again.
                    log.warn("saved cursor not understood; segment starts over", "segment", index);
                    cursor = Optional.empty();
                    continue;
                } catch (StorageUnavailableException e) {
                    log.warn(
                            "links unreadable; segment left to the next run",
                            "segment",
                            index,
                            "error",
                            e.getMessage());
                    return stop(index, cursor);
                }
                if (!reconcilePage(page.links())) {
                    // Resume at the start of this page: re-checking its links costs reads only, no call.
                    return stop(index, cursor);
                }
                cursor = page.nextCursor();
                if (cursor.isEmpty()) {
                    save(index, SegmentProgress.DONE);
                    return true;
                }
                if (++unsaved == CHECKPOINT_PAGES) {
                    save(index, SegmentProgress.at(cursor.get()));
                    unsaved = 0;
                }
            }
        }

        private boolean stop(int index, Optional<String> cursor) {
            save(index, cursor.map(SegmentProgress::at).orElse(SegmentProgress.START));
            return false;
        }

        private void save(int index, SegmentProgress progress) {
            // The safety margin is there for this save: throttling may take it.
            backoff.run(() -> states.saveProgress(index, progress), deadline.plus(safetyMargin));
        }

        /** False when the run stopped inside this page (time is up, storage fails, or Spotify keeps failing). */
        private boolean reconcilePage(List<Link> links) {
            if (links.isEmpty()) {
                return true;
            }
            Map<Membership, Set<String>> current;
            try {
                current = backoff.call(
                        () -> sets.of(links.stream().map(Link::membership).toList()), deadline);
            } catch (StorageUnavailableException e) {
                log.warn(
                        "entitlements unreadable; page left to the next run",
                        "links",
                        links.size(),
                        "error",
                        e.getMessage());
                tally.deferPage(links.size());
                return false;
            }
            for (Link link : links) {
                if (mustStop()) {
                    return false;
                }
                reconcile(link, current.getOrDefault(link.membership(), Set.of()));
            }
            return true;
        }

        private void reconcile(Link link, Set<String> current) {
            Instant now = clock.instant();
            Instant userDeadline = now.plus(PER_USER_LIMIT).isBefore(deadline) ? now.plus(PER_USER_LIMIT) : deadline;
            Membership membership = link.membership();
            if (state.window().includes(membership)) {
                SyncOutcome verified = guarded(() -> verify.until(membership, userDeadline));
                if (!(verified instanceof SyncOutcome.Unchanged)) {
                    tally.count(membership, verified, "verify", log);
                    return;
                }
                tally.verified();
            }
            if (link.lastSent().map(sent -> sent.entitlements().equals(current)).orElse(false)) {
                tally.count(membership, new SyncOutcome.Unchanged(), "repair", log);
                return;
            }
            tally.count(membership, guarded(() -> sync.until(membership, userDeadline)), "repair", log);
        }

        private boolean mustStop() {
            return !clock.instant().isBefore(deadline) || tally.deferredInARow() >= DEFERRALS_BEFORE_STOPPING;
        }
    }

    private static SyncOutcome guarded(Supplier<SyncOutcome> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            // A storage or secret failure the SDK's retries did not absorb: this link waits for the next pass.
            return new SyncOutcome.Retry(Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Counts of one run, from every worker thread. */
    private static final class Tally {
        private int checked;
        private int sent;
        private int unchanged;
        private int unlinkedBySpotify;
        private int deferred;
        private int rejected;
        private int verified;
        private int foundUnlinked;
        private final AtomicInteger deferredInARow = new AtomicInteger();

        int deferredInARow() {
            return deferredInARow.get();
        }

        synchronized void verified() {
            verified++;
        }

        /** A page whose entitlements could not be read: its links wait for the next pass. */
        synchronized void deferPage(int links) {
            checked += links;
            deferred += links;
        }

        /** @param step "repair" (replace-entitlements) or "verify" (get-entitlements) */
        void count(Membership membership, SyncOutcome outcome, String step, JsonLog log) {
            if (outcome instanceof SyncOutcome.Retry) {
                deferredInARow.incrementAndGet();
            } else {
                deferredInARow.set(0);
            }
            synchronized (this) {
                checked++;
                switch (outcome) {
                    case SyncOutcome.Sent s -> sent++;
                    case SyncOutcome.Unchanged u -> unchanged++;
                    case SyncOutcome.NotLinked n -> unchanged++;
                    case SyncOutcome.UnlinkedBySpotify u -> {
                        if (step.equals("verify")) {
                            foundUnlinked++;
                        } else {
                            unlinkedBySpotify++;
                        }
                    }
                    case SyncOutcome.Retry retry -> deferred++;
                    case SyncOutcome.Rejected r -> rejected++;
                }
            }
            switch (outcome) {
                case SyncOutcome.UnlinkedBySpotify u
                when step.equals("verify") ->
                    log.info(
                            "listener unlinked on Spotify's side; recorded UNLINKED",
                            "userId",
                            membership.userId(),
                            "partnerId",
                            membership.partnerId(),
                            "foundBy",
                            "get-entitlements 404");
                case SyncOutcome.UnlinkedBySpotify u ->
                    log.info(
                            "Spotify no longer knows this link; recorded UNLINKED",
                            "userId",
                            membership.userId(),
                            "partnerId",
                            membership.partnerId());
                case SyncOutcome.Retry retry ->
                    log.warn(
                            step + " deferred to the next pass",
                            "userId",
                            membership.userId(),
                            "partnerId",
                            membership.partnerId(),
                            "reason",
                            retry.reason());
                case SyncOutcome.Rejected r ->
                    log.error(
                            "Spotify rejected the " + step,
                            "userId",
                            membership.userId(),
                            "partnerId",
                            membership.partnerId(),
                            "status",
                            r.status(),
                            "reason",
                            r.reason());
                default -> {}
            }
        }

        synchronized ReconcileReport report(boolean passComplete, JsonLog log) {
            ReconcileReport report = new ReconcileReport(
                    checked,
                    sent,
                    unchanged,
                    unlinkedBySpotify,
                    deferred,
                    rejected,
                    verified,
                    foundUnlinked,
                    passComplete);
            log.info(
                    "reconcile finished",
                    "checked",
                    checked,
                    "sent",
                    sent,
                    "unchanged",
                    unchanged,
                    "unlinkedBySpotify",
                    unlinkedBySpotify,
                    "deferred",
                    deferred,
                    "rejected",
                    rejected,
                    "verified",
                    verified,
                    "foundUnlinked",
                    foundUnlinked,
                    "passComplete",
                    passComplete);
            return report;
        }
    }
}
