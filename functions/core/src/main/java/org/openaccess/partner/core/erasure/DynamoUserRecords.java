package org.openaccess.partner.core.erasure;

import static org.openaccess.partner.core.linking.DynamoLinkStateStore.PARTNER_USER_ID;
import static org.openaccess.partner.core.linking.DynamoLinkStateStore.STATE_HASH;
import static org.openaccess.partner.core.storage.MembershipKey.PARTNER_ID;
import static org.openaccess.partner.core.storage.MembershipKey.USER_ID;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoTable;
import org.openaccess.partner.core.storage.MembershipKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The user's items in DynamoDB: a Query by {@code userId} on the links and entitlements tables (their partition
 * key), a filtered Scan of the link states table (keyed by state hash; its items expire within minutes, so it stays
 * small). Deletes are single-item DeleteItem calls.
 */
public record DynamoUserRecords(
        DynamoDbClient dynamo, String linksTable, String entitlementsTable, String linkStatesTable)
        implements UserRecords {
    @Override
    public List<Membership> memberships(String userId) {
        TreeSet<String> partnerIds = new TreeSet<>();
        partnerIds.addAll(partnerIds(linksTable, userId));
        partnerIds.addAll(partnerIds(entitlementsTable, userId));
        return partnerIds.stream().map(p -> new Membership(userId, p)).toList();
    }

    @Override
    public boolean deleteLink(Membership membership) {
        return delete(linksTable, MembershipKey.of(membership));
    }

    @Override
    public boolean deleteEntitlements(Membership membership) {
        return delete(entitlementsTable, MembershipKey.of(membership));
    }

    @Override
    public int deletePendingLinkStates(String userId) {
        List<String> hashes = table(linkStatesTable)
                .scanAll(b -> b.filterExpression("#user = :user")
                        .projectionExpression("#hash")
                        .expressionAttributeNames(Map.of("#user", PARTNER_USER_ID, "#hash", STATE_HASH))
                        .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId))))
                .stream()
                .map(item -> item.get(STATE_HASH).s())
                .toList();
        int deleted = 0;
        for (String hash : hashes) {
            deleted += delete(linkStatesTable, Map.of(STATE_HASH, AttributeValue.fromS(hash))) ? 1 : 0;
        }
        return deleted;
    }

    private List<String> partnerIds(String table, String userId) {
        return table(table)
                .queryAll(b -> b.keyConditionExpression("#user = :user")
                        .projectionExpression("#partner")
                        .expressionAttributeNames(Map.of("#user", USER_ID, "#partner", PARTNER_ID))
                        .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)))
                        .consistentRead(true))
                .stream()
                .map(item -> item.get(PARTNER_ID).s())
                .toList();
    }

    /** Whether there was an item to delete. */
    private boolean delete(String table, Map<String, AttributeValue> key) {
        return !table(table).delete(b -> b.key(key)).isEmpty();
    }

    private DynamoTable table(String name) {
        return new DynamoTable(dynamo, name);
    }
}
