package org.openaccess.partner.core.erasure;

import java.util.List;

/**
 * What one erasure did, membership by membership.
 *
 * @param userId the partner's user id
 * @param memberships one entry per partner id the user had items for
 * @param pendingLinkStatesDeleted link states of unfinished linking flows deleted
 * @param complete every item is gone; false when Spotify could not unlink a membership, whose items are kept so
 *     that the next run tries again
 */
public record ErasureReport(
        String userId, List<MembershipErasure> memberships, int pendingLinkStatesDeleted, boolean complete) {

    /** The user had no item in any table (never existed, or erased before). */
    public boolean nothingFound() {
        return memberships.isEmpty() && pendingLinkStatesDeleted == 0;
    }

    /**
     * One membership's erasure.
     *
     * @param partnerId the Spotify partner id
     * @param spotify what happened at Spotify: {@link SpotifyStep}
     * @param spotifyDetail the failure's status and reason when {@code spotify} is FAILED, else empty
     * @param linkDeleted the link item was deleted by this run
     * @param entitlementsDeleted the entitlements item was deleted by this run
     */
    public record MembershipErasure(
            String partnerId,
            SpotifyStep spotify,
            String spotifyDetail,
            boolean linkDeleted,
            boolean entitlementsDeleted) {}

    /** What erasure asked of Spotify for one membership. */
    public enum SpotifyStep {
        /** unlink-user succeeded. */
        UNLINKED,
        /** Spotify answered 404: it held no link (the listener had unlinked there). */
        ALREADY_UNLINKED,
        /** The link was not LINKED (or there was none): no call. */
        NOT_LINKED,
        /** unlink-user failed (refused, 5xx, timeout): the membership's items are kept for the next run. */
        FAILED
    }
}
