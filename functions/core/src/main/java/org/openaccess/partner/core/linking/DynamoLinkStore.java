package org.openaccess.partner.core.linking;

import static org.openaccess.partner.core.storage.DynamoTable.names;
import static org.openaccess.partner.core.storage.MembershipKey.PARTNER_ID;
import static org.openaccess.partner.core.storage.MembershipKey.USER_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoTable;
import org.openaccess.partner.core.storage.EpochMillis;
import org.openaccess.partner.core.storage.MembershipKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Links in DynamoDB, one item per membership ({@code userId} + {@code partnerId}). Every write is one conditional
 * UpdateItem, so callback, unlink, push and reconcile never overwrite each other's fields.
 * Times are epoch milliseconds.
 */
public record DynamoLinkStore(DynamoTable table, Clock clock) implements LinkStore {
    static final String PARTNER_USER_ID = "partnerUserId";
    static final String STATUS = "status";
    static final String LINKED_AT = "linkedAt";
    static final String UNLINKED_AT = "unlinkedAt";
    static final String SENT_ENTITLEMENTS = "sentEntitlements";
    static final String SENT_READ_AT = "sentReadAt";
    static final String SENT_AT = "sentAt";
    static final String LEASE_HOLDER = "leaseHolder";
    static final String LEASE_UNTIL = "leaseUntil";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DynamoLinkStore(DynamoDbClient dynamo, String table, Clock clock) {
        this(new DynamoTable(dynamo, table), clock);
    }

    @Override
    public Optional<Link> find(Membership membership) {
        return table.get(key(membership)).flatMap(DynamoLinkStore::toLink);
    }

    @Override
    public void recordLinked(Membership membership, String partnerUserId, SentEntitlements sent) {
        Map<String, AttributeValue> values = new HashMap<>(sentValues(sent));
        values.put(":puid", AttributeValue.fromS(partnerUserId));
        values.put(":linked", AttributeValue.fromS(LinkStatus.LINKED.name()));
        values.put(":now", EpochMillis.of(clock.instant()));
        table.update(b -> b.key(key(membership))
                .updateExpression("SET #puid = :puid, #status = :linked, #linkedAt = :now, "
                        + "#sent = :sent, #readAt = :readAt, #sentAt = :sentAt REMOVE #unlinkedAt")
                .expressionAttributeNames(names(
                        "#puid",
                        PARTNER_USER_ID,
                        "#status",
                        STATUS,
                        "#linkedAt",
                        LINKED_AT,
                        "#sent",
                        SENT_ENTITLEMENTS,
                        "#readAt",
                        SENT_READ_AT,
                        "#sentAt",
                        SENT_AT,
                        "#unlinkedAt",
                        UNLINKED_AT))
                .expressionAttributeValues(values));
    }

    @Override
    public void recordUnlinked(Membership membership, Instant at) {
        // A failed condition means no link to mark: unlinking a user who never linked changes nothing.
        table.updateIf(b -> b.key(key(membership))
                .updateExpression("SET #status = :unlinked, #unlinkedAt = :at")
                .conditionExpression("attribute_exists(#puid)")
                .expressionAttributeNames(
                        names("#status", STATUS, "#unlinkedAt", UNLINKED_AT, "#puid", PARTNER_USER_ID))
                .expressionAttributeValues(Map.of(
                        ":unlinked", AttributeValue.fromS(LinkStatus.UNLINKED.name()), ":at", EpochMillis.of(at))));
    }

    @Override
    public boolean recordSent(Membership membership, SentEntitlements sent) {
        Map<String, AttributeValue> values = new HashMap<>(sentValues(sent));
        values.put(":linked", AttributeValue.fromS(LinkStatus.LINKED.name()));
        return table.updateIf(b -> b.key(key(membership))
                .updateExpression("SET #sent = :sent, #readAt = :readAt, #sentAt = :sentAt")
                .conditionExpression("#status = :linked AND (attribute_not_exists(#readAt) OR #readAt <= :readAt)")
                .expressionAttributeNames(names(
                        "#sent", SENT_ENTITLEMENTS, "#readAt", SENT_READ_AT, "#sentAt", SENT_AT, "#status", STATUS))
                .expressionAttributeValues(values));
    }

    @Override
    public boolean tryLease(Membership membership, String holder, Duration length, Instant now) {
        // May create a bare item (key + lease) for a membership not linked yet; find() ignores such items.
        return table.updateIf(b -> b.key(key(membership))
                .updateExpression("SET #holder = :holder, #until = :until")
                .conditionExpression("attribute_not_exists(#until) OR #until <= :now OR #holder = :holder")
                .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#until", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(
                        ":holder",
                        AttributeValue.fromS(holder),
                        ":until",
                        EpochMillis.of(now.plus(length)),
                        ":now",
                        EpochMillis.of(now))));
    }

    @Override
    public void releaseLease(Membership membership, String holder) {
        // A failed condition means the lease expired and another sender took it: theirs now, leave it.
        table.updateIf(b -> b.key(key(membership))
                .updateExpression("REMOVE #holder, #until")
                .conditionExpression("#holder = :holder")
                .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#until", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))));
    }

    @Override
    public Page linkedUsers(Optional<String> cursor, int limit) {
        return linkedUsers(ScanSegment.WHOLE, cursor, limit);
    }

    /** A Scan of {@code limit} items (LINKED or not: the filter applies after the limit) of the segment. */
    @Override
    public Page linkedUsers(ScanSegment segment, Optional<String> cursor, int limit) {
        DynamoTable.Page page =
                table.scanPage(cursor.filter(c -> !c.isEmpty()).map(c -> key(decodeCursor(c))), limit, b -> {
                    b.filterExpression("#status = :linked")
                            .expressionAttributeNames(Map.of("#status", STATUS))
                            .expressionAttributeValues(
                                    Map.of(":linked", AttributeValue.fromS(LinkStatus.LINKED.name())));
                    if (segment.total() > 1) {
                        b.segment(segment.index()).totalSegments(segment.total());
                    }
                });
        List<Link> links = new ArrayList<>();
        page.items().forEach(item -> toLink(item).ifPresent(links::add));
        return new Page(links, page.nextKey().map(last -> encodeCursor(MembershipKey.membershipOf(last))));
    }

    private static Map<String, AttributeValue> sentValues(SentEntitlements sent) {
        List<AttributeValue> list =
                sent.entitlements().stream().sorted().map(AttributeValue::fromS).toList();
        return Map.of(
                ":sent",
                AttributeValue.fromL(list),
                ":readAt",
                EpochMillis.of(sent.readAt()),
                ":sentAt",
                EpochMillis.of(sent.sentAt()));
    }

    /** Items holding only a lease (no status yet) are not links. */
    private static Optional<Link> toLink(Map<String, AttributeValue> item) {
        AttributeValue status = item.get(STATUS);
        AttributeValue puid = item.get(PARTNER_USER_ID);
        if (status == null || puid == null) {
            return Optional.empty();
        }
        Optional<SentEntitlements> lastSent = EpochMillis.read(item, SENT_READ_AT)
                .map(readAt -> new SentEntitlements(
                        item.containsKey(SENT_ENTITLEMENTS)
                                ? item.get(SENT_ENTITLEMENTS).l().stream()
                                        .map(AttributeValue::s)
                                        .collect(Collectors.toSet())
                                : Set.of(),
                        readAt,
                        EpochMillis.read(item, SENT_AT).orElse(readAt)));
        return Optional.of(new Link(
                MembershipKey.membershipOf(item),
                puid.s(),
                LinkStatus.valueOf(status.s()),
                EpochMillis.read(item, LINKED_AT).orElse(Instant.EPOCH),
                EpochMillis.read(item, UNLINKED_AT),
                lastSent));
    }

    private static Map<String, AttributeValue> key(Membership membership) {
        return MembershipKey.of(membership);
    }

    /** The cursor is the last key seen, as base64url JSON: opaque to callers, checkable here. */
    static String encodeCursor(Membership last) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            JSON.writeValueAsBytes(Map.of(USER_ID, last.userId(), PARTNER_ID, last.partnerId())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings always serialize", e);
        }
    }

    static Membership decodeCursor(String cursor) {
        try {
            JsonNode last = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            String userId = last.path(USER_ID).asText("");
            String partnerId = last.path(PARTNER_ID).asText("");
            if (userId.isEmpty() || partnerId.isEmpty()) {
                throw new IllegalArgumentException("Not a cursor of this store");
            }
            return new Membership(userId, partnerId);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a cursor of this store", e);
        }
    }
}
