package org.openaccess.partner.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * Walks every LINKED link (one per membership: a user linked to two partners has two) page by page and sends
 * those whose current set differs from what Spotify was last given for that partner id. It needs nothing but the tables, so it repairs whatever the stream could not deliver: records past
 * their retries, an outage longer than the stream keeps records. Along the way it verifies a rotating slice of
 * the links with Spotify ({@link VerificationWindow}: every link once a day) and records those a listener
 * unlinked on Spotify's side. A run stops before its time is up and the next one resumes at the page it
 * stopped in.
 *
 * @param pages one page of LINKED links: {@code LinkStore::linkedUsers}
 * @param repair one membership's repair until a deadline: {@code EntitlementSync::repairUntil}
 * @param verify one link's check with Spotify until a deadline: {@code EntitlementSync::verifyUntil}
 */
public record Reconciler(
        LinkedUserPages pages,
        UserCheck repair,
        UserCheck verify,
        ReconcileStateStore states,
        Clock clock,
        Duration safetyMargin) {
    /** Users per page: one Scan call, and the most a run re-checks after resuming mid-page. */
    static final int PAGE_SIZE = 100;
    /** One link may wait this long for Spotify (Retry-After, backoff) before being left to the next pass. */
    static final Duration PER_USER_LIMIT = Duration.ofSeconds(20);
    /** Users in a row Spotify could not take: it is down or throttling us, so stop and leave it to the next run. */
    static final int DEFERRALS_BEFORE_STOPPING = 3;

    @FunctionalInterface
    public interface LinkedUserPages {
        LinkStore.Page page(Optional<String> cursor, int limit);
    }

    @FunctionalInterface
    public interface UserCheck {
        SyncOutcome until(Membership membership, Instant deadline);
    }

    /** @param remaining the invocation's remaining time */
    public ReconcileReport run(Duration remaining, JsonLog log) {
        Instant now = clock.instant();
        Instant deadline = now.plus(remaining).minus(safetyMargin);
        ReconcileState state = states.load().orElseGet(() -> ReconcileState.first(now));
        if (!state.passOpen()) {
            state = state.newPass(now);
        }
        Tally tally = new Tally();
        log.info(
                "reconcile started",
                "resuming",
                state.cursor().isPresent(),
                "verifyFrom",
                state.window().from().toString(),
                "verifyTo",
                state.window().to().toString());
        LinkStore.Page page;
        try {
            page = pages.page(state.cursor(), PAGE_SIZE);
        } catch (IllegalArgumentException unreadableCursor) {
            // A saved cursor the store no longer understands (e.g. its format changed): start a new pass.
            log.warn("saved cursor not understood; starting a new pass", "error", unreadableCursor.getMessage());
            state = state.newPass(now);
            states.save(state);
            page = pages.page(state.cursor(), PAGE_SIZE);
        }
        while (true) {
            if (!reconcilePage(page, state.window(), deadline, tally, log)) {
                // Resume at the start of this page: re-checking its links costs two reads each, no call.
                states.save(state);
                return tally.report(false, log);
            }
            Optional<String> next = page.nextCursor();
            if (next.isEmpty()) {
                states.save(state.passCompleted());
                return tally.report(true, log);
            }
            state = state.at(next.get());
            states.save(state);
            if (mustStop(deadline, tally)) {
                return tally.report(false, log);
            }
            page = pages.page(state.cursor(), PAGE_SIZE);
        }
    }

    /** False when the run stopped inside this page (time is up, or Spotify keeps failing). */
    private boolean reconcilePage(
            LinkStore.Page page, VerificationWindow window, Instant deadline, Tally tally, JsonLog log) {
        for (Link link : page.links()) {
            if (mustStop(deadline, tally)) {
                return false;
            }
            Instant now = clock.instant();
            Instant userDeadline = now.plus(PER_USER_LIMIT).isBefore(deadline) ? now.plus(PER_USER_LIMIT) : deadline;
            Membership membership = link.membership();
            if (window.includes(membership)) {
                SyncOutcome verified = guarded(() -> verify.until(membership, userDeadline));
                if (!(verified instanceof SyncOutcome.Unchanged)) {
                    tally.count(membership, verified, "verify", log);
                    continue;
                }
                tally.verified++;
            }
            tally.count(membership, guarded(() -> repair.until(membership, userDeadline)), "repair", log);
        }
        return true;
    }

    private boolean mustStop(Instant deadline, Tally tally) {
        return !clock.instant().isBefore(deadline) || tally.deferredInARow >= DEFERRALS_BEFORE_STOPPING;
    }

    private static SyncOutcome guarded(Supplier<SyncOutcome> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            // A storage or secret failure the SDK's retries did not absorb: this link waits for the next pass.
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
        int verified;
        int foundUnlinked;
        int deferredInARow;

        /** @param step "repair" (replace-entitlements) or "verify" (get-entitlements) */
        void count(Membership membership, SyncOutcome outcome, String step, JsonLog log) {
            checked++;
            deferredInARow = outcome instanceof SyncOutcome.Retry ? deferredInARow + 1 : 0;
            switch (outcome) {
                case SyncOutcome.Sent s -> sent++;
                case SyncOutcome.Unchanged u -> unchanged++;
                case SyncOutcome.NotLinked n -> unchanged++;
                case SyncOutcome.UnlinkedBySpotify u -> {
                    if (step.equals("verify")) {
                        foundUnlinked++;
                        log.info(
                                "listener unlinked on Spotify's side; recorded UNLINKED",
                                "userId",
                                membership.userId(),
                                "partnerId",
                                membership.partnerId(),
                                "foundBy",
                                "get-entitlements 404");
                    } else {
                        unlinkedBySpotify++;
                        log.info(
                                "Spotify no longer knows this link; recorded UNLINKED",
                                "userId",
                                membership.userId(),
                                "partnerId",
                                membership.partnerId());
                    }
                }
                case SyncOutcome.Retry retry -> {
                    deferred++;
                    log.warn(
                            step + " deferred to the next pass",
                            "userId",
                            membership.userId(),
                            "partnerId",
                            membership.partnerId(),
                            "reason",
                            retry.reason());
                }
                case SyncOutcome.Rejected r -> {
                    rejected++;
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
                }
            }
        }

        ReconcileReport report(boolean passComplete, JsonLog log) {
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
