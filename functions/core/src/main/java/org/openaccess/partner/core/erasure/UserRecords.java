package org.openaccess.partner.core.erasure;

import java.util.List;
import org.openaccess.partner.core.identity.Membership;

/**
 * Port: every item a user has in the deployment's tables, found by the partner's user id and deleted one by one.
 * Links and entitlements are keyed {@code userId} + {@code partnerId}; pending link states are keyed by the hash of
 * their state value and carry the user id as an attribute.
 */
public interface UserRecords {
    /** The user's memberships: the partner ids of their links and entitlements items, each once, sorted. */
    List<Membership> memberships(String userId);

    /** Deletes the membership's link item; true when there was one. */
    boolean deleteLink(Membership membership);

    /** Deletes the membership's entitlements item; true when there was one. */
    boolean deleteEntitlements(Membership membership);

    /** Deletes the user's pending link states (linking flows started and not finished); how many there were. */
    int deletePendingLinkStates(String userId);
}
