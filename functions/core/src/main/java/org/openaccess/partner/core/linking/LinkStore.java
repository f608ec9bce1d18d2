package org.openaccess.partner.core.linking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.identity.Membership;

/**
 * Port: links (DynamoDB table LINKS_TABLE, key {@code userId} (partition) + {@code partnerId} (sort)), one per
 * membership: a user linked to two partners of a platform has two links, each with its own PUID, status, record
 * of what was sent and lease. Single-item conditional writes only. {@code partnerUserId} is the derived PUID
 * Spotify sees for that membership.
 */
public interface LinkStore {
    Optional<Link> find(Membership membership);

    /** The callback registered the user: status LINKED, linkedAt, and what register-user sent. */
    void recordLinked(Membership membership, String partnerUserId, SentEntitlements sent);

    /** Unlinked (by the user, or Spotify answered 404): status UNLINKED, unlinkedAt; keeps the history. */
    void recordUnlinked(Membership membership, Instant at);

    /**
     * Records what was sent, only if the link is still LINKED and the stored {@code readAt} is not newer
     * than this one (never moves backwards). Returns false when the condition failed.
     */
    boolean recordSent(Membership membership, SentEntitlements sent);

    /**
     * Takes a short per-membership lease so that only one sender (callback, push, reconcile) talks to Spotify
     * for this user and partner at a time. Returns false if someone else holds an unexpired lease.
     */
    boolean tryLease(Membership membership, String holder, Duration length, Instant now);

    /** Releases the lease if {@code holder} still holds it. */
    void releaseLease(Membership membership, String holder);

    /** One page of LINKED links (any partner), for the reconciler; {@code cursor} is opaque (empty = start). */
    Page linkedUsers(Optional<String> cursor, int limit);

    /**
     * One page of LINKED links in one segment of a parallel scan; {@code cursor} is that segment's (empty = its
     * start). A store that cannot split its links serves the whole table only.
     */
    default Page linkedUsers(ScanSegment segment, Optional<String> cursor, int limit) {
        if (!segment.equals(ScanSegment.WHOLE)) {
            throw new UnsupportedOperationException("this link store has no parallel scan");
        }
        return linkedUsers(cursor, limit);
    }

    record Page(List<Link> links, Optional<String> nextCursor) {}
}
