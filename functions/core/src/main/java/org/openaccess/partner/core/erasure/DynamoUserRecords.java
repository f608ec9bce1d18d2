package org.openaccess.partner.core.erasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoCalls;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The user's items in DynamoDB: a Query by {@code userId} on the links and entitlements tables (their partition
 * key), a filtered Scan of the link states table (keyed by state hash; its items expire within minutes, so it stays
 * small). Deletes are single-item DeleteItem calls.
 */
public record DynamoUserRecords(
        DynamoDbClient dynamo, String linksTable, String entitlementsTable, String linkStatesTable)
        implements UserRecords {
    static final String USER_ID = "userId";
    static final String PARTNER_ID = "partnerId";
    /** The link states table's name for the partner's user id (see DynamoLinkStateStore). */
    static final String STATE_USER_ID = "partnerUserId";

    static final String STATE_HASH = "stateHash";

    @Override
    public List<Membership> memberships(String userId) {
        TreeSet<String> partnerIds = new TreeSet<>();
        partnerIds.addAll(partnerIds(linksTable, userId));
        partnerIds.addAll(partnerIds(entitlementsTable, userId));
        return partnerIds.stream().map(p -> new Membership(userId, p)).toList();
    }

    @Override
    public boolean deleteLink(Membership membership) {
        return delete(linksTable, membership);
    }

    @Override
    public boolean deleteEntitlements(Membership membership) {
        return delete(entitlementsTable, membership);
    }

    @Override
    public int deletePendingLinkStates(String userId) {
        List<String> hashes = new ArrayList<>();
        Optional<Map<String, AttributeValue>> start = Optional.empty();
        do {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(linkStatesTable)
                    .filterExpression("#user = :user")
                    .projectionExpression("#hash")
                    .expressionAttributeNames(Map.of("#user", STATE_USER_ID, "#hash", STATE_HASH))
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)));
            start.ifPresent(request::exclusiveStartKey);
            ScanResponse page = DynamoCalls.run("Scan", linkStatesTable, () -> dynamo.scan(request.build()));
            page.items().forEach(item -> hashes.add(item.get(STATE_HASH).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? Optional.of(page.lastEvaluatedKey())
                    : Optional.empty();
        } while (start.isPresent());
        int deleted = 0;
        for (String hash : hashes) {
            Map<String, AttributeValue> old = DynamoCalls.run(
                            "DeleteItem",
                            linkStatesTable,
                            () -> dynamo.deleteItem(b -> b.tableName(linkStatesTable)
                                    .key(Map.of(STATE_HASH, AttributeValue.fromS(hash)))
                                    .returnValues(ReturnValue.ALL_OLD)))
                    .attributes();
            deleted += old == null || old.isEmpty() ? 0 : 1;
        }
        return deleted;
    }

    private List<String> partnerIds(String table, String userId) {
        List<String> found = new ArrayList<>();
        Optional<Map<String, AttributeValue>> start = Optional.empty();
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#user = :user")
                    .projectionExpression("#partner")
                    .expressionAttributeNames(Map.of("#user", USER_ID, "#partner", PARTNER_ID))
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)))
                    .consistentRead(true);
            start.ifPresent(request::exclusiveStartKey);
            QueryResponse page = DynamoCalls.run("Query", table, () -> dynamo.query(request.build()));
            page.items().forEach(item -> found.add(item.get(PARTNER_ID).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? Optional.of(page.lastEvaluatedKey())
                    : Optional.empty();
        } while (start.isPresent());
        return found;
    }

    private boolean delete(String table, Membership membership) {
        Map<String, AttributeValue> old = DynamoCalls.run(
                        "DeleteItem",
                        table,
                        () -> dynamo.deleteItem(b -> b.tableName(table)
                                .key(Map.of(
                                        USER_ID,
                                        AttributeValue.fromS(membership.userId()),
                                        PARTNER_ID,
                                        AttributeValue.fromS(membership.partnerId())))
                                .returnValues(ReturnValue.ALL_OLD)))
                .attributes();
        return old != null && !old.isEmpty();
    }
}
