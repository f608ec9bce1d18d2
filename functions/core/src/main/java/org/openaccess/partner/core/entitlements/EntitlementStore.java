package org.openaccess.partner.core.entitlements;

import java.util.Set;

/**
 * Port: the partner's entitlements (table ENTITLEMENTS_TABLE, key {@code userId} (S), attribute
 * {@code entitlements} (SS); no item or no attribute = no entitlements). The partner's membership
 * system writes it, never these functions; its stream feeds the push function.
 */
@FunctionalInterface
public interface EntitlementStore {
    /** The user's current set, by a strongly consistent read. */
    Set<String> current(String userId);
}
