package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * The batch's bookkeeping with syncs that answer at once: which memberships are synced, how many at a time, and
 * where Lambda is told to resume. The syncs themselves are tested through the handler (EntitlementPushHandlerTest).
 */
class StreamBatchProcessorTest {
    private static final String PARTNER = "partnerA00000000000000";

    /** Memberships member-0..member-(n-1), each with two records, interleaved; sequence numbers 1000 + position. */
    private static DynamodbEvent batch(int memberships) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int m = 0; m < memberships; m++) {
                DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
                record.setEventName("MODIFY");
                record.setDynamodb(new StreamRecord()
                        .withKeys(Map.of(
                                "userId", new AttributeValue().withS("member-" + m),
                                "partnerId", new AttributeValue().withS(PARTNER)))
                        .withSequenceNumber(String.valueOf(1000 + records.size())));
                records.add(record);
            }
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    /**
     * The batch failures Lambda is told about after {@code batch(memberships)} went through a processor of at most 8
     * syncs at once, with {@code remaining} time left of the invocation.
     */
    private static List<BatchItemFailure> failuresAfter(
            StreamBatchProcessor.MembershipSync sync,
            Duration safetyMargin,
            int memberships,
            Duration remaining,
            JsonLog log) {
        return new StreamBatchProcessor(sync, Clock.systemUTC(), safetyMargin, 8)
                .process(batch(memberships), remaining, log)
                .getBatchItemFailures();
    }

    @Test
    void everyMembershipIsSyncedOnceAndNeverMoreAtOnceThanTheBound() {
        Map<Membership, AtomicInteger> syncs = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        StreamBatchProcessor.MembershipSync countingInFlight = (membership, deadline) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            syncs.computeIfAbsent(membership, m -> new AtomicInteger()).incrementAndGet();
            Thread.onSpinWait();
            inFlight.decrementAndGet();
            return new SyncOutcome.Sent(1);
        };

        List<BatchItemFailure> failures = failuresAfter(
                countingInFlight, Duration.ofSeconds(1), 200, Duration.ofMinutes(1), JsonLog.discarding());

        assertEquals(List.of(), failures);
        assertEquals(200, syncs.size());
        assertTrue(syncs.values().stream().allMatch(count -> count.get() == 1), syncs.toString());
        assertTrue(mostInFlight.get() <= 8, "at most 8 at once, saw " + mostInFlight.get());
    }

    @Test
    void theEarliestMembershipNotSyncedIsReportedWhateverFinishedAfterIt() {
        List<String> log = new ArrayList<>();
        StreamBatchProcessor.MembershipSync thirtyAndSeventyRetry = (membership, deadline) ->
                membership.userId().equals("member-30") || membership.userId().equals("member-70")
                        ? new SyncOutcome.Retry(Optional.empty(), "time ran out")
                        : new SyncOutcome.Sent(1);

        List<BatchItemFailure> failures = failuresAfter(
                thirtyAndSeventyRetry, Duration.ofSeconds(1), 100, Duration.ofMinutes(1), new JsonLog((line, level) -> {
                    synchronized (log) {
                        log.add(line);
                    }
                }));

        // member-30's first record is the 31st of the batch: everything from there on is redelivered.
        assertEquals(
                List.of("1030"),
                failures.stream().map(BatchItemFailure::getItemIdentifier).toList());
        String done = log.stream()
                .filter(line -> line.contains("batch done"))
                .findFirst()
                .orElseThrow();
        assertTrue(done.contains("\"resumeFrom\":\"1030\""), done);
        assertTrue(done.contains("\"Retry\":"), done);
    }

    @Test
    void noTimeLeftStartsNothingAndReportsTheFirstMembership() {
        AtomicInteger syncs = new AtomicInteger();
        StreamBatchProcessor.MembershipSync counting = (membership, deadline) -> {
            syncs.incrementAndGet();
            return new SyncOutcome.Sent(1);
        };

        List<BatchItemFailure> failures =
                failuresAfter(counting, Duration.ofSeconds(15), 20, Duration.ofSeconds(10), JsonLog.discarding());

        assertEquals(
                List.of("1000"),
                failures.stream().map(BatchItemFailure::getItemIdentifier).toList());
        assertEquals(0, syncs.get(), "the remaining time was inside the safety margin");
    }
}
