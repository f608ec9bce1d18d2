package org.openaccess.partner.core.storage;

import java.util.Map;
import org.openaccess.partner.core.identity.Membership;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key of the tables kept per membership (links, entitlements): {@code userId} (S) + {@code partnerId} (S), so
 * that a user's items are one Query away (erasure) and the push reads both tables by the same key.
 */
public final class MembershipKey {
    public static final String USER_ID = "userId";
    public static final String PARTNER_ID = "partnerId";

    private MembershipKey() {}

    public static Map<String, AttributeValue> of(Membership membership) {
        return Map.of(
                USER_ID,
                AttributeValue.fromS(membership.userId()),
                PARTNER_ID,
                AttributeValue.fromS(membership.partnerId()));
    }

    /** The membership an item (or a last evaluated key) of such a table is stored under. */
    public static Membership membershipOf(Map<String, AttributeValue> item) {
        return new Membership(item.get(USER_ID).s(), item.get(PARTNER_ID).s());
    }
}
