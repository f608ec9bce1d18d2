package org.openaccess.partner.core.entitlements;

import static org.openaccess.partner.core.storage.MembershipKey.PARTNER_ID;
import static org.openaccess.partner.core.storage.MembershipKey.USER_ID;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoCalls;
import org.openaccess.partner.core.storage.DynamoTable;
import org.openaccess.partner.core.storage.MembershipKey;
import org.openaccess.partner.core.storage.StorageThrottledException;
import org.openaccess.partner.core.storage.ThrottlingBackoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The partner's entitlements in DynamoDB: key {@code userId} (S) + {@code partnerId} (S), {@code entitlements}
 * (SS; absent when empty, as DynamoDB has no empty sets). Only {@code entitlements} is read; the partner may keep
 * any other attribute on the item.
 */
public record DynamoEntitlementStore(DynamoTable table) implements EntitlementStore {
    static final String ENTITLEMENTS = "entitlements";
    /** BatchGetItem's limit of keys per request. */
    public static final int BATCH_SIZE = 100;
    /** Rounds of a batch's unprocessed keys (each after a backoff) before it counts as throttled. */
    static final int UNPROCESSED_ROUNDS = 8;

    private static final ThrottlingBackoff UNPROCESSED_BACKOFF = new ThrottlingBackoff(Clock.systemUTC());

    public DynamoEntitlementStore(DynamoDbClient dynamo, String table) {
        this(new DynamoTable(dynamo, table));
    }

    @Override
    public Set<String> current(Membership membership) {
        return entitlementsOf(table.get(
                        MembershipKey.of(membership),
                        b -> b.projectionExpression("#e").expressionAttributeNames(Map.of("#e", ENTITLEMENTS)))
                .orElse(null));
    }

    /**
     * BatchGetItem, {@value #BATCH_SIZE} keys per request, eventually consistent (half the read units of a
     * consistent read). Keys DynamoDB leaves unprocessed (its answer to a throttled or large batch) are asked
     * again after a backoff; after {@value #UNPROCESSED_ROUNDS} rounds the read is {@link StorageThrottledException}.
     */
    @Override
    public Map<Membership, Set<String>> recent(Collection<Membership> memberships) {
        Map<Membership, Set<String>> sets = new HashMap<>();
        List<Membership> distinct = new ArrayList<>(new LinkedHashSet<>(memberships));
        for (int from = 0; from < distinct.size(); from += BATCH_SIZE) {
            List<Map<String, AttributeValue>> pending =
                    distinct.subList(from, Math.min(from + BATCH_SIZE, distinct.size())).stream()
                            .map(MembershipKey::of)
                            .toList();
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == UNPROCESSED_ROUNDS) {
                    throw new StorageThrottledException(
                            "DynamoDB BatchGetItem on " + table.name() + " left keys unprocessed " + round + " times",
                            null);
                }
                if (round > 0) {
                    UNPROCESSED_BACKOFF.pause(
                            round - 1, new StorageThrottledException("interrupted waiting on unprocessed keys", null));
                }
                List<Map<String, AttributeValue>> keys = pending;
                BatchGetItemResponse response = DynamoCalls.run(
                        "BatchGetItem",
                        table.name(),
                        () -> table.dynamo()
                                .batchGetItem(b -> b.requestItems(Map.of(
                                        table.name(),
                                        KeysAndAttributes.builder()
                                                .keys(keys)
                                                .consistentRead(false)
                                                .projectionExpression("#u, #p, #e")
                                                .expressionAttributeNames(
                                                        Map.of("#u", USER_ID, "#p", PARTNER_ID, "#e", ENTITLEMENTS))
                                                .build()))));
                response.responses()
                        .getOrDefault(table.name(), List.of())
                        .forEach(item -> sets.put(MembershipKey.membershipOf(item), entitlementsOf(item)));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table.name());
                pending = unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
            }
        }
        // No item = no entitlements.
        distinct.forEach(membership -> sets.putIfAbsent(membership, Set.of()));
        return sets;
    }

    private static Set<String> entitlementsOf(Map<String, AttributeValue> item) {
        AttributeValue value = item == null ? null : item.get(ENTITLEMENTS);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }
}
