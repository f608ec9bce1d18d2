package org.openaccess.partner.core.entitlements;

import java.util.Set;
import org.openaccess.partner.core.identity.Membership;

/**
 * Port: the partner's entitlements (table ENTITLEMENTS_TABLE, key {@code userId} (S, partition) + {@code partnerId}
 * (S, sort), attribute {@code entitlements} (SS); no item or no attribute = no entitlements). One item per
 * membership: a single publisher writes its one partner id, a platform one item per partner a user is a member
 * of. The partner's membership system writes it, never these functions; its stream feeds the push function.
 */
@FunctionalInterface
public interface EntitlementStore {
    /** The membership's current set, by a strongly consistent read. */
    Set<String> current(Membership membership);
}
