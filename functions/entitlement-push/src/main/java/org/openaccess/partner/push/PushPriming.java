package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.core.wiring.LambdaRuntimeSerialization;

/**
 * SnapStart priming: before the snapshot, warm core (clients built, classes loaded, no network) and run
 * this function's own path over an in-memory batch whose syncs do nothing, so the first real batch after
 * a restore finds its classes loaded (the runtime's JSON reading of the batch and writing of the answer
 * included). Nothing here touches the network or draws random numbers.
 */
final class PushPriming implements Resource {
    private final CoreWiring wiring;
    private final StreamBatchProcessor dryRun;

    PushPriming(CoreWiring wiring, Duration safetyMargin) {
        this.wiring = wiring;
        this.dryRun = new StreamBatchProcessor(
                (membership, deadline) -> new SyncOutcome.Unchanged(), Clock.systemUTC(), safetyMargin, 2);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Each batch read and answered through the Lambda runtime's own serializer, as a real batch is.
        wiring.primeUntilCompiled(() -> {
            DynamodbEvent batch = LambdaRuntimeSerialization.asTheRuntimeReadsIt(sampleBatch())
                    .orElseGet(PushPriming::sampleBatch);
            LambdaRuntimeSerialization.asTheRuntimeWritesIt(
                    dryRun.process(batch, Duration.ofMinutes(1), JsonLog.discarding()));
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: no connection or random state was created before the snapshot.
    }

    /** Two changes of one membership (two memberships or more: the concurrent path is warmed too), the same user at another partner, a removal, and a malformed record. */
    static DynamodbEvent sampleBatch() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(
                record("INSERT", "priming-user-1", PRIMING_PARTNER_A, "100"),
                record("MODIFY", "priming-user-1", PRIMING_PARTNER_A, "101"),
                record("MODIFY", "priming-user-1", PRIMING_PARTNER_B, "102"),
                record("REMOVE", "priming-user-2", PRIMING_PARTNER_A, "103"),
                record("UNKNOWN", "priming-user-3", PRIMING_PARTNER_A, "104")));
        return event;
    }

    private static final String PRIMING_PARTNER_A = "primingPartnerA0000000";
    private static final String PRIMING_PARTNER_B = "primingPartnerB0000000";

    private static DynamodbStreamRecord record(
            String eventName, String userId, String partnerId, String sequenceNumber) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of(
                        StreamRecordReader.USER_ID_KEY,
                        new AttributeValue().withS(userId),
                        StreamRecordReader.PARTNER_ID_KEY,
                        new AttributeValue().withS(partnerId)))
                .withSequenceNumber(sequenceNumber));
        return record;
    }
}
