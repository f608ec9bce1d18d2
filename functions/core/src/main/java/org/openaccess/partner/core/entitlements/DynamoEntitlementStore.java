package org.openaccess.partner.core.entitlements;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.storage.DynamoCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partner's entitlements in DynamoDB: key {@code userId} (S), {@code entitlements} (SS; absent when
 * empty, as DynamoDB has no empty sets), {@code updatedAt} (N, epoch ms). Updates leave any other
 * attributes the partner keeps on the item alone.
 */
public final class DynamoEntitlementStore implements EntitlementStore {
    static final String USER_ID = "userId";
    static final String ENTITLEMENTS = "entitlements";
    static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoEntitlementStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Set<String> current(String userId) {
        Map<String, AttributeValue> item = DynamoCalls.run(
                        "GetItem",
                        table,
                        () -> dynamo.getItem(b -> b.tableName(table)
                                .key(key(userId))
                                .consistentRead(true)
                                .projectionExpression("#e")
                                .expressionAttributeNames(Map.of("#e", ENTITLEMENTS))))
                .item();
        AttributeValue value = item == null ? null : item.get(ENTITLEMENTS);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }

    @Override
    public void put(String userId, Set<String> entitlements) {
        AttributeValue now = AttributeValue.fromN(Long.toString(clock.millis()));
        if (entitlements.isEmpty()) {
            DynamoCalls.run(
                    "UpdateItem",
                    table,
                    () -> dynamo.updateItem(b -> b.tableName(table)
                            .key(key(userId))
                            .updateExpression("SET #u = :u REMOVE #e")
                            .expressionAttributeNames(Map.of("#u", UPDATED_AT, "#e", ENTITLEMENTS))
                            .expressionAttributeValues(Map.of(":u", now))));
            return;
        }
        DynamoCalls.run(
                "UpdateItem",
                table,
                () -> dynamo.updateItem(b -> b.tableName(table)
                        .key(key(userId))
                        .updateExpression("SET #u = :u, #e = :e")
                        .expressionAttributeNames(Map.of("#u", UPDATED_AT, "#e", ENTITLEMENTS))
                        .expressionAttributeValues(Map.of(
                                ":u",
                                now,
                                ":e",
                                AttributeValue.fromSs(
                                        entitlements.stream().sorted().toList())))));
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId));
    }
}
