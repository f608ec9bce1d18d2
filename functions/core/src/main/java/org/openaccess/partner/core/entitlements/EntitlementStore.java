package org.openaccess.partner.core.entitlements;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * The sets of many memberships at once (every one given is in the answer; no item = no entitlements), for
     * the reconciler's comparison with what was last sent. May be eventually consistent: a change of the last
     * second may not show, but it has a stream record of its own, and a sync re-reads by {@link #current}.
     */
    default Map<Membership, Set<String>> recent(Collection<Membership> memberships) {
        return memberships.stream()
                .distinct()
                .collect(java.util.stream.Collectors.toMap(Function.identity(), this::current));
    }
}
