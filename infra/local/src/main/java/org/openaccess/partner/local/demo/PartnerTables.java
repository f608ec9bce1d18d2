package org.openaccess.partner.local.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The partner's side of the tables, as the partner's own systems would use them: the membership (entitlements
 * table, which the change feed watches) and the link state the functions record, both keyed by user id and the
 * partner id ({@code userId} + {@code partnerId}).
 */
record PartnerTables(DynamoDbClient dynamoDb, String entitlementsTable, String linksTable) {

    /** The user's membership with one partner: one item per (user, partner). */
    Set<String> entitlements(String userId, String partnerId) {
        Map<String, AttributeValue> item = get(entitlementsTable, userId, partnerId);
        AttributeValue set = item.get("entitlements");
        return set == null || !set.hasSs() ? Set.of() : new TreeSet<>(set.ss());
    }

    /** Writes the user's whole membership with the partner; an empty set leaves the attribute out (DynamoDB has no empty sets). */
    void replaceEntitlements(String userId, String partnerId, Set<String> entitlements) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("userId", AttributeValue.fromS(userId));
        item.put("partnerId", AttributeValue.fromS(partnerId));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        if (!entitlements.isEmpty()) {
            item.put("entitlements", AttributeValue.fromSs(List.copyOf(entitlements)));
        }
        dynamoDb.putItem(
                PutItemRequest.builder().tableName(entitlementsTable).item(item).build());
    }

    /** LINKED, UNLINKED, or NONE when the user never linked. */
    String linkStatus(String userId, String partnerId) {
        AttributeValue status = get(linksTable, userId, partnerId).get("status");
        return status == null || status.s() == null ? "NONE" : status.s();
    }

    private Map<String, AttributeValue> get(String table, String userId, String partnerId) {
        return dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                "userId", AttributeValue.fromS(userId), "partnerId", AttributeValue.fromS(partnerId)))
                        .build())
                .item();
    }
}
