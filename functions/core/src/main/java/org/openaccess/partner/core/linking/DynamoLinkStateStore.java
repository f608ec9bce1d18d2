package org.openaccess.partner.core.linking;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.storage.DynamoTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Link states in DynamoDB, keyed by the state's hash. {@code expiresAt} (epoch seconds) is the table's TTL
 * attribute; TTL deletes late, so callers also check expiry. Consuming is one conditional delete on the hash and
 * the browser binding, so a state works exactly once, and only in its own browser, even when two callbacks race.
 */
public record DynamoLinkStateStore(DynamoTable table, String defaultPartnerId) implements LinkStateStore {
    /** The key; erasure finds a user's pending states by {@link #PARTNER_USER_ID} and deletes them by this. */
    public static final String STATE_HASH = "stateHash";

    public static final String PARTNER_USER_ID = "partnerUserId";
    static final String PARTNER_ID = "partnerId";
    static final String PARTNER_SLUG = "partnerSlug";
    static final String CODE_VERIFIER = "codeVerifier";
    static final String BROWSER_BINDING_HASH = "browserBindingHash";
    static final String SHOW_URI = "showUri";
    static final String EXPIRES_AT = "expiresAt";

    /** @param defaultPartnerId SPOTIFY_PARTNER_ID: the partner of a state stored before states named theirs */
    public DynamoLinkStateStore(DynamoDbClient dynamo, String table, String defaultPartnerId) {
        this(new DynamoTable(dynamo, table), defaultPartnerId);
    }

    @Override
    public void save(LinkState state) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(STATE_HASH, s(state.stateHash()));
        item.put(PARTNER_USER_ID, s(state.partnerUserId()));
        item.put(PARTNER_ID, s(state.partner().partnerId()));
        state.partner().slug().ifPresent(slug -> item.put(PARTNER_SLUG, s(slug.value())));
        item.put(CODE_VERIFIER, s(state.codeVerifier()));
        item.put(BROWSER_BINDING_HASH, s(state.browserBindingHash()));
        state.showUri().ifPresent(uri -> item.put(SHOW_URI, s(uri)));
        item.put(
                EXPIRES_AT, AttributeValue.fromN(Long.toString(state.expiresAt().getEpochSecond())));
        if (!table.putIf(b -> b.item(item)
                .conditionExpression("attribute_not_exists(#hash)")
                .expressionAttributeNames(Map.of("#hash", STATE_HASH)))) {
            // 256-bit states do not collide: this is a bug or a replayed write, never to be papered over.
            throw new IllegalStateException("A link state with this hash already exists");
        }
    }

    @Override
    public Consumed consume(String stateHash, Optional<String> bindingHash) {
        if (bindingHash.isEmpty()) {
            return exists(stateHash) ? new Consumed.OtherBrowser() : new Consumed.Unknown();
        }
        try {
            Map<String, AttributeValue> old = table.delete(b -> b.key(key(stateHash))
                    .conditionExpression("attribute_exists(#hash) AND #binding = :binding")
                    .expressionAttributeNames(Map.of("#hash", STATE_HASH, "#binding", BROWSER_BINDING_HASH))
                    .expressionAttributeValues(Map.of(":binding", s(bindingHash.get()))));
            return old.isEmpty() ? new Consumed.Unknown() : new Consumed.Taken(toState(old));
        } catch (ConditionalCheckFailedException unknownUsedOrOtherBrowser) {
            return exists(stateHash) ? new Consumed.OtherBrowser() : new Consumed.Unknown();
        }
    }

    /**
     * Whether a state is stored, asked with DeleteItem (the callback's IAM policy allows nothing else on this
     * table): its condition {@code attribute_not_exists} fails exactly when the item is there, and then nothing
     * is deleted; when it holds, there was nothing to delete.
     */
    private boolean exists(String stateHash) {
        return !table.deleteIf(b -> b.key(key(stateHash))
                .conditionExpression("attribute_not_exists(#hash)")
                .expressionAttributeNames(Map.of("#hash", STATE_HASH)));
    }

    private static Map<String, AttributeValue> key(String stateHash) {
        return Map.of(STATE_HASH, s(stateHash));
    }

    private LinkState toState(Map<String, AttributeValue> item) {
        String partnerId = text(item, PARTNER_ID);
        Optional<PartnerSlug> slug = Optional.ofNullable(item.get(PARTNER_SLUG))
                .map(AttributeValue::s)
                .filter(value -> PartnerSlug.problem(value).isEmpty())
                .map(PartnerSlug::new);
        return new LinkState(
                item.get(STATE_HASH).s(),
                text(item, PARTNER_USER_ID),
                partnerId.isEmpty() ? PartnerRoute.defaultPartner(defaultPartnerId) : new PartnerRoute(partnerId, slug),
                text(item, CODE_VERIFIER),
                text(item, BROWSER_BINDING_HASH),
                Optional.ofNullable(item.get(SHOW_URI)).map(AttributeValue::s),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
