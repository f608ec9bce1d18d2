package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * Turns one batch of entitlement-table stream records into at most one sync per changed user, and tells
 * Lambda where to resume when a user could not be synced in time.
 *
 * <p>Users are synced one after another in the order of their first record. When a user still cannot be
 * synced as the time runs out (Spotify throttling or down), nothing after it is processed and its first
 * sequence number is reported: Lambda re-delivers the batch from there, and users already synced past
 * that point find their set unchanged. Throughput across users comes from the event source's
 * {@code ParallelizationFactor}, which keeps each user's records in order.
 *
 * @param safetyMargin time kept back from the invocation's remaining time for the attempt in flight (Spotify's
 *     timeouts, a token fetch) and for answering Lambda
 */
public record StreamBatchProcessor(StreamBatchProcessor.UserSync sync, Clock clock, Duration safetyMargin) {

    /** One user's sync with retries until {@code deadline}: {@code EntitlementSync::syncUntil}. */
    @FunctionalInterface
    public interface UserSync {
        SyncOutcome syncUntil(String userId, Instant deadline);
    }

    /** @param remaining the invocation's remaining time */
    public StreamsEventResponse process(DynamodbEvent event, Duration remaining, JsonLog log) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<ChangedUser> users = ChangedUser.group(records, log);
        Instant deadline = clock.instant().plus(remaining).minus(safetyMargin);
        List<SyncOutcome> outcomes = syncInOrder(users, deadline, log);
        Optional<ChangedUser> firstFailed = firstFailed(users, outcomes);
        log.info(
                "batch done",
                "records",
                records.size(),
                "users",
                users.size(),
                "outcomes",
                tally(outcomes, users.size()),
                "resumeFrom",
                firstFailed.map(ChangedUser::firstSequenceNumber).orElse(null));
        List<BatchItemFailure> failures = firstFailed
                .map(user -> List.of(new BatchItemFailure(user.firstSequenceNumber())))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
    }

    /** Outcome per user in the users' order, stopping after the first user who could not be synced in time. */
    private List<SyncOutcome> syncInOrder(List<ChangedUser> users, Instant deadline, JsonLog log) {
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (ChangedUser user : users) {
            SyncOutcome outcome = syncOne(user, deadline, log);
            outcomes.add(outcome);
            if (outcome instanceof SyncOutcome.Retry) {
                break;
            }
        }
        return outcomes;
    }

    private SyncOutcome syncOne(ChangedUser user, Instant deadline, JsonLog log) {
        SyncOutcome outcome;
        try {
            outcome = clock.instant().isAfter(deadline)
                    ? new SyncOutcome.Retry(Optional.empty(), "no time left in this invocation")
                    : sync.syncUntil(user.userId(), deadline);
        } catch (RuntimeException e) {
            // An AWS or secret failure the SDK's own retries did not absorb: defer like a Spotify outage.
            outcome = new SyncOutcome.Retry(Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        switch (outcome) {
            case SyncOutcome.Retry retry ->
                log.warn(
                        "push deferred: still failing when time ran out",
                        "userId",
                        user.userId(),
                        "reason",
                        retry.reason(),
                        "resumeFrom",
                        user.firstSequenceNumber());
            case SyncOutcome.Rejected rejected ->
                log.error(
                        "Spotify rejected replace-entitlements; not retried, the "
                                + "reconciler repairs it once the cause is fixed",
                        "userId",
                        user.userId(),
                        "status",
                        rejected.status(),
                        "reason",
                        rejected.reason());
            case SyncOutcome.UnlinkedBySpotify unlinked ->
                log.info("Spotify no longer knows this link; recorded UNLINKED", "userId", user.userId());
            default -> {}
        }
        return outcome;
    }

    /** The user synced last, if it failed: everything from its first record on is left to Lambda's retry. */
    private static Optional<ChangedUser> firstFailed(List<ChangedUser> users, List<SyncOutcome> outcomes) {
        return outcomes.isEmpty() || !(outcomes.getLast() instanceof SyncOutcome.Retry)
                ? Optional.empty()
                : Optional.of(users.get(outcomes.size() - 1));
    }

    private static Map<String, Integer> tally(List<SyncOutcome> outcomes, int users) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome.getClass().getSimpleName(), 1, Integer::sum));
        if (users > outcomes.size()) {
            counts.put("NotStarted", users - outcomes.size());
        }
        return counts;
    }
}
