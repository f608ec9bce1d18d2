package org.openaccess.partner.core.identity;

/**
 * Port: the partner user id (PUID) Spotify sees: lowercase hex HMAC-SHA256 keyed with {@code puid_key}
 * (UTF-8) over the partner's own user id (UTF-8). 64 characters, stable, no personal data.
 */
public interface PartnerUserIds {
    String derive(String partnerUserId);
}
