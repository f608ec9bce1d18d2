package org.openaccess.partner.core.entitlements;

import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partner's entitlements in DynamoDB: key {@code userId} (S) + {@code partnerId} (S), {@code entitlements}
 * (SS; absent when empty, as DynamoDB has no empty sets). Only {@code entitlements} is read; the partner may keep
 * any other attribute on the item.
 */
public record DynamoEntitlementStore(DynamoDbClient dynamo, String table) implements EntitlementStore {
    static final String USER_ID = "userId";
    static final String PARTNER_ID = "partnerId";
    static final String ENTITLEMENTS = "entitlements";

    @Override
    public Set<String> current(Membership membership) {
        Map<String, AttributeValue> item = DynamoCalls.run(
                        "GetItem",
                        table,
                        () -> dynamo.getItem(b -> b.tableName(table)
                                .key(Map.of(
                                        USER_ID,
                                        AttributeValue.fromS(membership.userId()),
                                        PARTNER_ID,
                                        AttributeValue.fromS(membership.partnerId())))
                                .consistentRead(true)
                                .projectionExpression("#e")
                                .expressionAttributeNames(Map.of("#e", ENTITLEMENTS))))
                .item();
        AttributeValue value = item == null ? null : item.get(ENTITLEMENTS);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }
}
