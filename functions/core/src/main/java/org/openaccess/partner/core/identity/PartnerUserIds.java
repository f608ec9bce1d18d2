package org.openaccess.partner.core.identity;

/**
 * Port: the partner user id (PUID) Spotify sees for a membership: 64 lowercase hex characters, stable, no
 * personal data. For the default partner (SPOTIFY_PARTNER_ID) it is HMAC-SHA256 keyed with {@code puid_key}
 * (UTF-8) over the user id (UTF-8), as it always was; for any other partner id of the platform the key is that
 * partner's own, derived from {@code puid_key} and the partner id (see {@link HmacPartnerUserIds}), so one user's
 * PUIDs differ from partner to partner and cannot be linked to each other without the key.
 */
public interface PartnerUserIds {
    String derive(Membership membership);
}
