package org.openaccess.partner.core.entitlements;

import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partner's entitlements in DynamoDB: key {@code userId} (S) + {@code partnerId} (S), {@code entitlements}
 * (SS; absent when empty, as DynamoDB has no empty sets). Only {@code entitlements} is read; the partner may keep
 * any other attribute on the item.
 */
public record DynamoEntitlementStore(DynamoTable table) implements EntitlementStore {
    static final String USER_ID = "userId";
    static final String PARTNER_ID = "partnerId";
    static final String ENTITLEMENTS = "entitlements";

    public DynamoEntitlementStore(DynamoDbClient dynamo, String table) {
        this(new DynamoTable(dynamo, table));
    }

    @Override
    public Set<String> current(Membership membership) {
        AttributeValue value = table.get(
                        Map.of(
                                USER_ID,
                                AttributeValue.fromS(membership.userId()),
                                PARTNER_ID,
                                AttributeValue.fromS(membership.partnerId())),
                        b -> b.projectionExpression("#e").expressionAttributeNames(Map.of("#e", ENTITLEMENTS)))
                .map(item -> item.get(ENTITLEMENTS))
                .orElse(null);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }
}
