package org.openaccess.partner.core.identity;

/**
 * One user of one partner: the key of a link and of an entitlements item. A single publisher's users all have
 * its one partner id (SPOTIFY_PARTNER_ID); a membership platform's user may be a member of several of its
 * partners, each a separate membership with its own link, PUID and entitlements.
 *
 * @param userId the partner's own user id (the session's subject)
 * @param partnerId the Spotify partner id the membership belongs to
 */
public record Membership(String userId, String partnerId) {
    public Membership {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("A membership needs a user id");
        }
        if (partnerId == null || partnerId.isEmpty()) {
            throw new IllegalArgumentException("A membership needs a partner id");
        }
    }
}
