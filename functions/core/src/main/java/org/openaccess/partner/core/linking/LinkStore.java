package org.openaccess.partner.core.linking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: links (DynamoDB table LINKS_TABLE, key {@code userId}). Single-item conditional writes only.
 * {@code userId} is the partner's own user id; {@code partnerUserId} is the derived PUID Spotify sees.
 */
public interface LinkStore {
    Optional<Link> find(String userId);

    /** The callback registered the user: status LINKED, linkedAt, and what register-user sent. */
    void recordLinked(String userId, String partnerUserId, SentEntitlements sent);

    /** Unlinked (by the user, or Spotify answered 404): status UNLINKED, unlinkedAt; keeps the history. */
    void recordUnlinked(String userId, Instant at);

    /**
     * Records what was sent, only if the link is still LINKED and the stored {@code readAt} is not newer
     * than this one (never moves backwards). Returns false when the condition failed.
     */
    boolean recordSent(String userId, SentEntitlements sent);

    /**
     * Takes a short per-user lease so that only one sender (callback, push, reconcile) talks to Spotify
     * for this user at a time. Returns false if someone else holds an unexpired lease.
     */
    boolean tryLease(String userId, String holder, Duration length, Instant now);

    /** Releases the lease if {@code holder} still holds it. */
    void releaseLease(String userId, String holder);

    /** One page of LINKED users, for the reconciler; {@code cursor} is opaque (empty = start). */
    Page linkedUsers(Optional<String> cursor, int limit);

    record Page(List<Link> links, Optional<String> nextCursor) {}
}
