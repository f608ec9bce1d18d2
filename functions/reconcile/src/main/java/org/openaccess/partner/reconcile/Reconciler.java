package org.openaccess.partner.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * Walks every LINKED user page by page and sends those whose current set differs from what Spotify was last
 * given. It needs nothing but the tables, so it repairs whatever the stream could not deliver: records past
 * their retries, an outage longer than the stream keeps records. A run stops before its time is up and the
 * next one resumes at the page it stopped in.
 */
public final class Reconciler {
    /** Users per page: one Scan call, and the most a run re-checks after resuming mid-page. */
    static final int PAGE_SIZE = 100;
    /** One user may wait this long for Spotify (Retry-After, backoff) before being left to the next pass. */
    static final Duration PER_USER_LIMIT = Duration.ofSeconds(20);
    /** Users in a row Spotify could not take: it is down or throttling us, so stop and leave it to the next run. */
    static final int DEFERRALS_BEFORE_STOPPING = 3;

    /** One page of LINKED users: {@code LinkStore::linkedUsers}. */
    @FunctionalInterface
    public interface LinkedUserPages {
        LinkStore.Page page(Optional<String> cursor, int limit);
    }

    /** One user's repair until a deadline: {@code EntitlementSync::repairUntil}. */
    @FunctionalInterface
    public interface UserRepair {
        SyncOutcome repairUntil(String userId, Instant deadline);
    }

    private final LinkedUserPages pages;
    private final UserRepair repair;
    private final ReconcileCursorStore cursors;
    private final Clock clock;
    private final Duration safetyMargin;

    public Reconciler(
            LinkedUserPages pages,
            UserRepair repair,
            ReconcileCursorStore cursors,
            Clock clock,
            Duration safetyMargin) {
        this.pages = pages;
        this.repair = repair;
        this.cursors = cursors;
        this.clock = clock;
        this.safetyMargin = safetyMargin;
    }

    /** @param remaining the invocation's remaining time */
    public ReconcileReport run(Duration remaining, JsonLog log) {
        Instant deadline = clock.instant().plus(remaining).minus(safetyMargin);
        Tally tally = new Tally();
        Optional<String> cursor = cursors.load();
        log.info("reconcile started", "resuming", cursor.isPresent());
        LinkStore.Page page;
        try {
            page = pages.page(cursor, PAGE_SIZE);
        } catch (IllegalArgumentException unreadableCursor) {
            // A saved cursor the store no longer understands (e.g. its format changed): start a new pass.
            log.warn("saved cursor not understood; starting a new pass", "error", unreadableCursor.getMessage());
            cursor = Optional.empty();
            cursors.passCompleted();
            page = pages.page(cursor, PAGE_SIZE);
        }
        while (true) {
            if (!reconcilePage(page, deadline, tally, log)) {
                // Resume at the start of this page: re-checking its users costs two reads each, no call.
                cursor.ifPresent(cursors::save);
                return tally.report(false, log);
            }
            cursor = page.nextCursor();
            if (cursor.isEmpty()) {
                cursors.passCompleted();
                return tally.report(true, log);
            }
            cursors.save(cursor.get());
            if (mustStop(deadline, tally)) {
                return tally.report(false, log);
            }
            page = pages.page(cursor, PAGE_SIZE);
        }
    }

    /** False when the run stopped inside this page (time is up, or Spotify keeps failing). */
    private boolean reconcilePage(LinkStore.Page page, Instant deadline, Tally tally, JsonLog log) {
        for (Link link : page.links()) {
            if (mustStop(deadline, tally)) {
                return false;
            }
            Instant now = clock.instant();
            Instant userDeadline = now.plus(PER_USER_LIMIT).isBefore(deadline) ? now.plus(PER_USER_LIMIT) : deadline;
            tally.count(link.userId(), repairOne(link.userId(), userDeadline), log);
        }
        return true;
    }

    private boolean mustStop(Instant deadline, Tally tally) {
        return !clock.instant().isBefore(deadline) || tally.deferredInARow >= DEFERRALS_BEFORE_STOPPING;
    }

    private SyncOutcome repairOne(String userId, Instant deadline) {
        try {
            return repair.repairUntil(userId, deadline);
        } catch (RuntimeException e) {
            // A storage or secret failure the SDK's retries did not absorb: this user waits for the next pass.
            return new SyncOutcome.Retry(Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static final class Tally {
        int checked;
        int sent;
        int unchanged;
        int unlinkedBySpotify;
        int deferred;
        int rejected;
        int deferredInARow;

        void count(String userId, SyncOutcome outcome, JsonLog log) {
            checked++;
            deferredInARow = outcome instanceof SyncOutcome.Retry ? deferredInARow + 1 : 0;
            switch (outcome) {
                case SyncOutcome.Sent s -> sent++;
                case SyncOutcome.Unchanged u -> unchanged++;
                case SyncOutcome.NotLinked n -> unchanged++;
                case SyncOutcome.UnlinkedBySpotify u -> {
                    unlinkedBySpotify++;
                    log.info("Spotify no longer knows this link; recorded UNLINKED", "userId", userId);
                }
                case SyncOutcome.Retry retry -> {
                    deferred++;
                    log.warn("repair deferred to the next pass", "userId", userId, "reason", retry.reason());
                }
                case SyncOutcome.Rejected r -> {
                    rejected++;
                    log.error(
                            "Spotify rejected replace-entitlements",
                            "userId",
                            userId,
                            "status",
                            r.status(),
                            "reason",
                            r.reason());
                }
            }
        }

        ReconcileReport report(boolean passComplete, JsonLog log) {
            ReconcileReport report =
                    new ReconcileReport(checked, sent, unchanged, unlinkedBySpotify, deferred, rejected, passComplete);
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
                    "passComplete",
                    passComplete);
            return report;
        }
    }
}
