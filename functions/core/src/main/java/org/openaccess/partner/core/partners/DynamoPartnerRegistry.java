package org.openaccess.partner.core.partners;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.storage.DynamoTable;
import org.openaccess.partner.core.storage.EpochMillis;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The partner registry in DynamoDB, one item per slug. Every write is one conditional PutItem, UpdateItem or
 * DeleteItem (no transactions: dynalite has none). Times are epoch milliseconds. The {@code byPartnerId} index is
 * sparse: only partners with a partner id are in it.
 */
public record DynamoPartnerRegistry(DynamoTable table, Clock clock) implements PartnerRegistry {
    static final String SLUG = "slug";
    static final String PARTNER_ID = "partnerId";
    static final String NAME = "name";
    static final String ENTRYPOINT_URL = "entrypointUrl";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
    static final String ACTIVATED_AT = "activatedAt";
    static final String LOGO_CONTENT_TYPE = "logoContentType";
    static final String LOGO_BYTES = "logoBytes";
    static final String LOGO_UPLOADED_AT = "logoUploadedAt";
    /** The template's global secondary index on {@code partnerId}. */
    public static final String BY_PARTNER_ID = "byPartnerId";

    public DynamoPartnerRegistry(DynamoDbClient dynamo, String table, Clock clock) {
        this(new DynamoTable(dynamo, table), clock);
    }

    @Override
    public boolean recordIntent(PartnerSlug slug, String name, URI entrypointUrl) {
        Map<String, AttributeValue> item = new HashMap<>(key(slug));
        item.put(NAME, AttributeValue.fromS(name));
        item.put(ENTRYPOINT_URL, AttributeValue.fromS(entrypointUrl.toString()));
        item.put(STATUS, AttributeValue.fromS(PartnerStatus.CREATING.name()));
        item.put(CREATED_AT, EpochMillis.of(clock.instant()));
        return table.putIf(b -> b.item(item)
                .conditionExpression("attribute_not_exists(#slug)")
                .expressionAttributeNames(Map.of("#slug", SLUG)));
    }

    @Override
    public boolean recordCreated(PartnerSlug slug, String partnerId) {
        return table.updateIf(b -> b.key(key(slug))
                .updateExpression("SET #pid = :pid, #status = :active, #activatedAt = :now")
                .conditionExpression("#status = :creating")
                .expressionAttributeNames(Map.of("#pid", PARTNER_ID, "#status", STATUS, "#activatedAt", ACTIVATED_AT))
                .expressionAttributeValues(Map.of(
                        ":pid",
                        AttributeValue.fromS(partnerId),
                        ":active",
                        AttributeValue.fromS(PartnerStatus.ACTIVE.name()),
                        ":creating",
                        AttributeValue.fromS(PartnerStatus.CREATING.name()),
                        ":now",
                        EpochMillis.of(clock.instant()))));
    }

    @Override
    public boolean clearIntent(PartnerSlug slug) {
        return table.deleteIf(b -> b.key(key(slug))
                .conditionExpression("#status = :creating")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":creating", AttributeValue.fromS(PartnerStatus.CREATING.name()))));
    }

    @Override
    public Optional<RegisteredPartner> find(PartnerSlug slug) {
        return table.get(key(slug)).map(DynamoPartnerRegistry::toPartner);
    }

    @Override
    public Optional<RegisteredPartner> findByPartnerId(String partnerId) {
        QueryResponse response = table.query(b -> b.indexName(BY_PARTNER_ID)
                .keyConditionExpression("#pid = :pid")
                .expressionAttributeNames(Map.of("#pid", PARTNER_ID))
                .expressionAttributeValues(Map.of(":pid", AttributeValue.fromS(partnerId))));
        return response.items().stream().map(DynamoPartnerRegistry::toPartner).findFirst();
    }

    @Override
    public boolean recordLogo(PartnerSlug slug, PartnerLogo logo) {
        return table.updateIf(b -> b.key(key(slug))
                .updateExpression("SET #type = :type, #bytes = :bytes, #at = :at")
                .conditionExpression("#status = :active")
                .expressionAttributeNames(Map.of(
                        "#type", LOGO_CONTENT_TYPE, "#bytes", LOGO_BYTES, "#at", LOGO_UPLOADED_AT, "#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":type",
                        AttributeValue.fromS(logo.contentType()),
                        ":bytes",
                        AttributeValue.fromN(Long.toString(logo.sizeBytes())),
                        ":at",
                        EpochMillis.of(logo.uploadedAt()),
                        ":active",
                        AttributeValue.fromS(PartnerStatus.ACTIVE.name()))));
    }

    @Override
    public Page list(Optional<String> cursor, int limit) {
        DynamoTable.Page page = table.scanPage(
                cursor.filter(c -> !c.isEmpty()).map(c -> key(decodeCursor(c))), limit, b -> b.consistentRead(true));
        List<RegisteredPartner> partners =
                page.items().stream().map(DynamoPartnerRegistry::toPartner).toList();
        return new Page(
                partners, page.nextKey().map(last -> encodeCursor(last.get(SLUG).s())));
    }

    private static RegisteredPartner toPartner(Map<String, AttributeValue> item) {
        Optional<PartnerLogo> logo = item.containsKey(LOGO_CONTENT_TYPE)
                ? Optional.of(new PartnerLogo(
                        item.get(LOGO_CONTENT_TYPE).s(),
                        Long.parseLong(item.get(LOGO_BYTES).n()),
                        EpochMillis.read(item, LOGO_UPLOADED_AT).orElse(Instant.EPOCH)))
                : Optional.empty();
        return new RegisteredPartner(
                new PartnerSlug(item.get(SLUG).s()),
                item.get(NAME).s(),
                URI.create(item.get(ENTRYPOINT_URL).s()),
                PartnerStatus.valueOf(item.get(STATUS).s()),
                Optional.ofNullable(item.get(PARTNER_ID)).map(AttributeValue::s),
                EpochMillis.read(item, CREATED_AT).orElse(Instant.EPOCH),
                EpochMillis.read(item, ACTIVATED_AT),
                logo);
    }

    private static Map<String, AttributeValue> key(PartnerSlug slug) {
        return Map.of(SLUG, AttributeValue.fromS(slug.value()));
    }

    /** The cursor is the last slug seen, base64url-encoded: opaque to callers, checked here. */
    static String encodeCursor(String lastSlug) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastSlug.getBytes(StandardCharsets.UTF_8));
    }

    static PartnerSlug decodeCursor(String cursor) {
        try {
            return new PartnerSlug(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a cursor of this registry", e);
        }
    }
}
