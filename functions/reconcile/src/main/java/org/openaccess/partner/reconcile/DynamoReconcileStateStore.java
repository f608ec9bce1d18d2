package org.openaccess.partner.reconcile;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.storage.DynamoCalls;
import org.openaccess.partner.core.storage.EpochMillis;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reconciler's state as one item of its own table (RECONCILE_STATE_TABLE, key {@code name}): never in the
 * links table, whose keys are partner user ids, so no user can collide with it. Times are epoch milliseconds.
 * Each segment's progress is one entry of the map {@code segmentProgress}, written by an UpdateItem of that entry
 * alone, so that segments saving at the same time never overwrite each other.
 */
public record DynamoReconcileStateStore(DynamoDbClient dynamo, String table) implements ReconcileStateStore {
    static final String NAME = "name";
    static final String ITEM_NAME = "links-pass";
    private static final String PASS_OPEN = "passOpen";
    private static final String SEGMENTS = "segments";
    private static final String PROGRESS = "segmentProgress";
    private static final String CURSOR = "cursor";
    private static final String DONE = "done";
    private static final String VERIFY_FROM = "verifyFrom";
    private static final String VERIFY_TO = "verifyTo";
    private static final Map<String, AttributeValue> KEY = Map.of(NAME, AttributeValue.fromS(ITEM_NAME));

    @Override
    public Optional<ReconcileState> load() {
        Map<String, AttributeValue> item = DynamoCalls.run(
                        "GetItem",
                        table,
                        () -> dynamo.getItem(b -> b.tableName(table).key(KEY).consistentRead(true)))
                .item();
        if (item == null || !item.containsKey(VERIFY_FROM) || !item.containsKey(VERIFY_TO)) {
            return Optional.empty();
        }
        AttributeValue passOpen = item.get(PASS_OPEN);
        AttributeValue segments = item.get(SEGMENTS);
        Map<Integer, SegmentProgress> progress = new HashMap<>();
        AttributeValue saved = item.get(PROGRESS);
        if (saved != null && saved.hasM()) {
            saved.m().forEach((segment, value) -> progress.put(Integer.parseInt(segment), progressOf(value)));
        }
        // An item without a segment count (written before segments existed) holds no usable cursor: 0 segments.
        return Optional.of(new ReconcileState(
                passOpen != null && Boolean.TRUE.equals(passOpen.bool()),
                segments == null ? 0 : Integer.parseInt(segments.n()),
                progress,
                new VerificationWindow(instant(item.get(VERIFY_FROM)), instant(item.get(VERIFY_TO)))));
    }

    @Override
    public void startPass(ReconcileState state) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put(PASS_OPEN, AttributeValue.fromBool(state.passOpen()));
        item.put(SEGMENTS, AttributeValue.fromN(Integer.toString(state.segments())));
        Map<String, AttributeValue> progress = new HashMap<>();
        state.progress().forEach((segment, p) -> progress.put(segment.toString(), valueOf(p)));
        item.put(PROGRESS, AttributeValue.fromM(progress));
        item.put(VERIFY_FROM, EpochMillis.of(state.window().from()));
        item.put(VERIFY_TO, EpochMillis.of(state.window().to()));
        DynamoCalls.run(
                "PutItem", table, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public void saveProgress(int segment, SegmentProgress progress) {
        DynamoCalls.run(
                "UpdateItem",
                table,
                () -> dynamo.updateItem(b -> b.tableName(table)
                        .key(KEY)
                        .updateExpression("SET #progress.#segment = :progress")
                        .expressionAttributeNames(Map.of("#progress", PROGRESS, "#segment", Integer.toString(segment)))
                        .expressionAttributeValues(Map.of(":progress", valueOf(progress)))));
    }

    @Override
    public void completePass() {
        DynamoCalls.run(
                "UpdateItem",
                table,
                () -> dynamo.updateItem(b -> b.tableName(table)
                        .key(KEY)
                        .updateExpression("SET #open = :closed")
                        .expressionAttributeNames(Map.of("#open", PASS_OPEN))
                        .expressionAttributeValues(Map.of(":closed", AttributeValue.fromBool(false)))));
    }

    private static AttributeValue valueOf(SegmentProgress progress) {
        Map<String, AttributeValue> value = new HashMap<>();
        value.put(DONE, AttributeValue.fromBool(progress.done()));
        progress.cursor().ifPresent(cursor -> value.put(CURSOR, AttributeValue.fromS(cursor)));
        return AttributeValue.fromM(value);
    }

    private static SegmentProgress progressOf(AttributeValue value) {
        AttributeValue cursor = value.m().get(CURSOR);
        AttributeValue done = value.m().get(DONE);
        return new SegmentProgress(
                cursor == null || cursor.s() == null || cursor.s().isEmpty()
                        ? Optional.empty()
                        : Optional.of(cursor.s()),
                done != null && Boolean.TRUE.equals(done.bool()));
    }

    private static Instant instant(AttributeValue millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis.n()));
    }
}
