package org.openaccess.partner.reconcile;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.storage.DynamoCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cursor as one reserved item of the links table ({@code userId = "#reconcile-cursor"}). It has no
 * {@code status} and no PUID, so the link store never takes it for a link and never pages over it.
 */
public final class DynamoReconcileCursorStore implements ReconcileCursorStore {
    static final String ITEM_KEY = "#reconcile-cursor";
    private static final String USER_ID = "userId";
    private static final String CURSOR = "cursor";
    private static final String SAVED_AT = "savedAt";
    private static final String PASS_COMPLETED_AT = "passCompletedAt";

    private final DynamoDbClient dynamo;
    private final String linksTable;
    private final Clock clock;

    public DynamoReconcileCursorStore(DynamoDbClient dynamo, String linksTable, Clock clock) {
        this.dynamo = dynamo;
        this.linksTable = linksTable;
        this.clock = clock;
    }

    @Override
    public Optional<String> load() {
        Map<String, AttributeValue> item = DynamoCalls.run(
                        "GetItem",
                        linksTable,
                        () -> dynamo.getItem(
                                b -> b.tableName(linksTable).key(key()).consistentRead(true)))
                .item();
        AttributeValue cursor = item == null ? null : item.get(CURSOR);
        return cursor == null || cursor.s() == null || cursor.s().isEmpty()
                ? Optional.empty()
                : Optional.of(cursor.s());
    }

    @Override
    public void save(String cursor) {
        DynamoCalls.run(
                "PutItem",
                linksTable,
                () -> dynamo.putItem(b -> b.tableName(linksTable)
                        .item(Map.of(
                                USER_ID, AttributeValue.fromS(ITEM_KEY),
                                CURSOR, AttributeValue.fromS(cursor),
                                SAVED_AT, now()))));
    }

    @Override
    public void passCompleted() {
        DynamoCalls.run(
                "PutItem",
                linksTable,
                () -> dynamo.putItem(b -> b.tableName(linksTable)
                        .item(Map.of(
                                USER_ID, AttributeValue.fromS(ITEM_KEY),
                                PASS_COMPLETED_AT, now()))));
    }

    private AttributeValue now() {
        return AttributeValue.fromN(Long.toString(clock.millis()));
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(USER_ID, AttributeValue.fromS(ITEM_KEY));
    }
}
