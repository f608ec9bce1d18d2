package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * Turns one batch of entitlement-table stream records into at most one sync per changed membership (user and
 * partner id), and tells Lambda where to resume when a membership could not be synced in time.
 *
 * <p>Memberships are synced concurrently, up to {@code concurrency} at once, taken in the order of their first
 * record; each is synced by one thread (one call with its current set, to its own partner id), so a membership's
 * order is kept. How many Spotify calls are in flight is the {@link CallWindow}'s business (through the sync),
 * not this class's: {@code concurrency} is only its upper bound. When one still cannot be synced as the time runs
 * out (Spotify throttling or down), no further membership is started; the ones started finish, and the first
 * sequence number of the earliest membership left unsynced (failed or never started) is reported: every later
 * membership's first record comes after it, so nothing after a failure is lost. Lambda re-delivers the batch from
 * there, and memberships already synced past that point find their set unchanged (no call).
 *
 * @param concurrency memberships synced at once, at most; 1 = one after another
 * @param safetyMargin time kept back from the invocation's remaining time for the attempts in flight (Spotify's
 *     timeouts, a token fetch) and for answering Lambda
 */
public record StreamBatchProcessor(
        StreamBatchProcessor.MembershipSync sync, Clock clock, Duration safetyMargin, int concurrency) {

    public StreamBatchProcessor {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /** One membership's sync with retries until {@code deadline}: {@code EntitlementSync::syncUntil}. */
    @FunctionalInterface
    public interface MembershipSync {
        SyncOutcome syncUntil(Membership membership, Instant deadline);
    }

    /** @param remaining the invocation's remaining time */
    public StreamsEventResponse process(DynamodbEvent event, Duration remaining, JsonLog log) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<ChangedMembership> changed = ChangedMembership.group(records, log);
        Instant deadline = clock.instant().plus(remaining).minus(safetyMargin);
        SyncOutcome[] outcomes = syncConcurrently(changed, deadline, log);
        Optional<ChangedMembership> firstFailed = firstFailed(changed, outcomes);
        log.info(
                "batch done",
                "records",
                records.size(),
                "memberships",
                changed.size(),
                "outcomes",
                tally(outcomes),
                "resumeFrom",
                firstFailed.map(ChangedMembership::firstSequenceNumber).orElse(null));
        List<BatchItemFailure> failures = firstFailed
                .map(failed -> List.of(new BatchItemFailure(failed.firstSequenceNumber())))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
    }

    /**
     * Outcome per membership, in their order; {@code null} for those never started because an earlier-taken one
     * could not be synced in time. Platform threads, not virtual ones: the SDK's URL-connection client may block
     * inside {@code synchronized} code, which pins a virtual thread to its carrier on Java 21.
     */
    private SyncOutcome[] syncConcurrently(List<ChangedMembership> changed, Instant deadline, JsonLog log) {
        SyncOutcome[] outcomes = new SyncOutcome[changed.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean timeRanOut = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < changed.size(); i = next.getAndIncrement()) {
                if (timeRanOut.get()) {
                    return;
                }
                SyncOutcome outcome = syncOne(changed.get(i), deadline, log);
                outcomes[i] = outcome;
                if (outcome instanceof SyncOutcome.Retry) {
                    timeRanOut.set(true);
                }
            }
        };
        int threads = Math.min(concurrency, changed.size());
        if (threads <= 1) {
            worker.run();
            return outcomes;
        }
        // Closing waits for every worker, and makes their writes to outcomes visible here.
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("push-sync-", 0).factory())) {
            for (int t = 0; t < threads; t++) {
                workers.execute(worker);
            }
        }
        return outcomes;
    }

    private SyncOutcome syncOne(ChangedMembership changed, Instant deadline, JsonLog log) {
        SyncOutcome outcome;
        try {
            outcome = clock.instant().isAfter(deadline)
                    ? new SyncOutcome.Retry(Optional.empty(), "no time left in this invocation")
                    : sync.syncUntil(changed.membership(), deadline);
        } catch (RuntimeException e) {
            // An AWS or secret failure the SDK's own retries did not absorb: defer like a Spotify outage.
            outcome = new SyncOutcome.Retry(Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        switch (outcome) {
            case SyncOutcome.Retry retry ->
                logAbout(
                        log::warn,
                        changed,
                        "push deferred: still failing when time ran out",
                        "reason",
                        retry.reason(),
                        "resumeFrom",
                        changed.firstSequenceNumber());
            case SyncOutcome.Rejected rejected ->
                logAbout(
                        log::error,
                        changed,
                        "Spotify rejected replace-entitlements; not retried, the "
                                + "reconciler repairs it once the cause is fixed",
                        "status",
                        rejected.status(),
                        "reason",
                        rejected.reason());
            case SyncOutcome.UnlinkedBySpotify unlinked ->
                logAbout(log::info, changed, "Spotify no longer knows this link; recorded UNLINKED");
            default -> {}
        }
        return outcome;
    }

    /** One of {@link JsonLog}'s levels. */
    private interface LogLevel {
        void write(String message, Object... fields);
    }

    /** A line about one membership: its user and partner first, then the line's own fields. */
    private static void logAbout(LogLevel level, ChangedMembership changed, String message, Object... fields) {
        Object[] all = new Object[fields.length + 4];
        all[0] = "userId";
        all[1] = changed.membership().userId();
        all[2] = "partnerId";
        all[3] = changed.membership().partnerId();
        System.arraycopy(fields, 0, all, 4, fields.length);
        level.write(message, all);
    }

    /** The earliest membership not synced (failed, or never started): Lambda resumes from its first record. */
    private static Optional<ChangedMembership> firstFailed(List<ChangedMembership> changed, SyncOutcome[] outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null || outcomes[i] instanceof SyncOutcome.Retry) {
                return Optional.of(changed.get(i));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Integer> tally(SyncOutcome[] outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        Arrays.stream(outcomes)
                .forEach(outcome -> counts.merge(
                        outcome == null ? "NotStarted" : outcome.getClass().getSimpleName(), 1, Integer::sum));
        return counts;
    }
}
