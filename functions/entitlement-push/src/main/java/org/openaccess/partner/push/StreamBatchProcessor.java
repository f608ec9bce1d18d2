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
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * Turns one batch of entitlement-table stream records into at most one sync per changed membership (user and
 * partner id), and tells Lambda where to resume when a membership could not be synced in time.
 *
 * <p>Memberships are synced one after another in the order of their first record, each to its own partner id.
 * When one still cannot be synced as the time runs out (Spotify throttling or down), nothing after it is
 * processed and its first sequence number is reported: the earliest record of any membership left unsynced, as
 * every later membership's first record comes after it. Lambda re-delivers the batch from there, and memberships
 * already synced past that point find their set unchanged. Throughput comes from the event source's
 * {@code ParallelizationFactor}, which keeps each item's (each membership's) records in order.
 *
 * @param safetyMargin time kept back from the invocation's remaining time for the attempt in flight (Spotify's
 *     timeouts, a token fetch) and for answering Lambda
 */
public record StreamBatchProcessor(StreamBatchProcessor.MembershipSync sync, Clock clock, Duration safetyMargin) {

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
        List<SyncOutcome> outcomes = syncInOrder(changed, deadline, log);
        Optional<ChangedMembership> firstFailed = firstFailed(changed, outcomes);
        log.info(
                "batch done",
                "records",
                records.size(),
                "memberships",
                changed.size(),
                "outcomes",
                tally(outcomes, changed.size()),
                "resumeFrom",
                firstFailed.map(ChangedMembership::firstSequenceNumber).orElse(null));
        List<BatchItemFailure> failures = firstFailed
                .map(failed -> List.of(new BatchItemFailure(failed.firstSequenceNumber())))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
    }

    /** Outcome per membership in their order, stopping after the first that could not be synced in time. */
    private List<SyncOutcome> syncInOrder(List<ChangedMembership> changed, Instant deadline, JsonLog log) {
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (ChangedMembership membership : changed) {
            SyncOutcome outcome = syncOne(membership, deadline, log);
            outcomes.add(outcome);
            if (outcome instanceof SyncOutcome.Retry) {
                break;
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
                log.warn(
                        "push deferred: still failing when time ran out",
                        "userId",
                        changed.membership().userId(),
                        "partnerId",
                        changed.membership().partnerId(),
                        "reason",
                        retry.reason(),
                        "resumeFrom",
                        changed.firstSequenceNumber());
            case SyncOutcome.Rejected rejected ->
                log.error(
                        "Spotify rejected replace-entitlements; not retried, the "
                                + "reconciler repairs it once the cause is fixed",
                        "userId",
                        changed.membership().userId(),
                        "partnerId",
                        changed.membership().partnerId(),
                        "status",
                        rejected.status(),
                        "reason",
                        rejected.reason());
            case SyncOutcome.UnlinkedBySpotify unlinked ->
                log.info(
                        "Spotify no longer knows this link; recorded UNLINKED",
                        "userId",
                        changed.membership().userId(),
                        "partnerId",
                        changed.membership().partnerId());
            default -> {}
        }
        return outcome;
    }

    /** The membership synced last, if it failed: everything from its first record on is left to Lambda's retry. */
    private static Optional<ChangedMembership> firstFailed(
            List<ChangedMembership> changed, List<SyncOutcome> outcomes) {
        return outcomes.isEmpty() || !(outcomes.getLast() instanceof SyncOutcome.Retry)
                ? Optional.empty()
                : Optional.of(changed.get(outcomes.size() - 1));
    }

    private static Map<String, Integer> tally(List<SyncOutcome> outcomes, int memberships) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome.getClass().getSimpleName(), 1, Integer::sum));
        if (memberships > outcomes.size()) {
            counts.put("NotStarted", memberships - outcomes.size());
        }
        return counts;
    }
}
