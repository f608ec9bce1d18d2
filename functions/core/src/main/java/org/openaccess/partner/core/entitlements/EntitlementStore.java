package org.openaccess.partner.core.entitlements;

import java.util.Set;

/**
 * Port: the partner's entitlements (table ENTITLEMENTS_TABLE, key {@code userId} (S), attribute
 * {@code entitlements} (SS); no item or no attribute = no entitlements). The partner's membership
 * system writes it; its stream feeds the push function.
 */
public interface EntitlementStore {
    /** The user's current set, by a strongly consistent read. */
    Set<String> current(String userId);

    /** Replaces the user's set (an empty set removes the attribute); stamps {@code updatedAt}. */
    void put(String userId, Set<String> entitlements);
}
