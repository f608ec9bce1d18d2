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
 */
public record DynamoReconcileStateStore(DynamoDbClient dynamo, String table) implements ReconcileStateStore {
    static final String NAME = "name";
    static final String ITEM_NAME = "links-pass";
    private static final String PASS_OPEN = "passOpen";
    private static final String CURSOR = "cursor";
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
        AttributeValue cursor = item.get(CURSOR);
        AttributeValue passOpen = item.get(PASS_OPEN);
        return Optional.of(new ReconcileState(
                passOpen != null && Boolean.TRUE.equals(passOpen.bool()),
                cursor == null || cursor.s() == null || cursor.s().isEmpty()
                        ? Optional.empty()
                        : Optional.of(cursor.s()),
                new VerificationWindow(instant(item.get(VERIFY_FROM)), instant(item.get(VERIFY_TO)))));
    }

    @Override
    public void save(ReconcileState state) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put(PASS_OPEN, AttributeValue.fromBool(state.passOpen()));
        state.cursor().ifPresent(cursor -> item.put(CURSOR, AttributeValue.fromS(cursor)));
        item.put(VERIFY_FROM, EpochMillis.of(state.window().from()));
        item.put(VERIFY_TO, EpochMillis.of(state.window().to()));
        DynamoCalls.run(
                "PutItem", table, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    private static Instant instant(AttributeValue millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis.n()));
    }
}
