package org.openaccess.partner.core.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.wiring.CoreWiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partner's membership system as tests play it: it writes the entitlements table through the AWS SDK,
 * as a partner's own code does (the functions only read that table), one item per membership (key {@code userId}
 * + {@code partnerId}). Leaves any other attribute on the item alone; an empty set removes the attribute, as
 * DynamoDB has no empty sets. Shared through core's test jar.
 */
public record PartnerMembership(DynamoDbClient dynamo, String table) {

    /** The entitlements table {@code wiring} reads. */
    public static PartnerMembership of(CoreWiring wiring) {
        return new PartnerMembership(wiring.dynamoDb(), wiring.settings().entitlementsTable());
    }

    /** Replaces the membership's set. */
    public void set(Membership membership, Set<String> entitlements) {
        Map<String, AttributeValue> key = Map.of(
                "userId",
                AttributeValue.fromS(membership.userId()),
                "partnerId",
                AttributeValue.fromS(membership.partnerId()));
        if (entitlements.isEmpty()) {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("REMOVE entitlements"));
        } else {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key)
                    .updateExpression("SET entitlements = :e")
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromSs(List.copyOf(entitlements)))));
        }
    }
}
