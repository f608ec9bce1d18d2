package org.openaccess.partner.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openaccess.partner.core.secrets.SecretSource;

/**
 * PUIDs by HMAC-SHA256, as lowercase hex (64 characters, within Spotify's {@code ^[0-9a-f]{16,128}$}):
 *
 * <ul>
 *   <li>default partner (SPOTIFY_PARTNER_ID): {@code HMAC(puid_key, userId)}, unchanged since the first release,
 *       so a single publisher's links keep their PUIDs;
 *   <li>any other partner id: {@code HMAC(partnerKey, userId)} with {@code partnerKey = HMAC(puid_key, "puid-partner:"
 *       + partnerId)} (the raw 32 bytes). Each partner has its own key, so the same user's PUIDs at two creators are
 *       unrelated to each other and to the default partner's, and no choice of user id makes one equal another's.
 * </ul>
 *
 * Strings are UTF-8. Stable for a membership, unguessable without the key, carrying no personal data to Spotify.
 */
public final class HmacPartnerUserIds implements PartnerUserIds {
    private static final String ALGORITHM = "HmacSHA256";
    /** Domain separation of the per-partner keys from every PUID (whose inputs are user ids). */
    static final String PARTNER_KEY_LABEL = "puid-partner:";

    private final SecretSource secrets;
    private final String defaultPartnerId;

    public HmacPartnerUserIds(SecretSource secrets, String defaultPartnerId) {
        this.secrets = secrets;
        this.defaultPartnerId = defaultPartnerId;
    }

    @Override
    public String derive(Membership membership) {
        byte[] puidKey = secrets.current().puidKey().getBytes(StandardCharsets.UTF_8);
        byte[] key = membership.partnerId().equals(defaultPartnerId)
                ? puidKey
                : hmac(puidKey, PARTNER_KEY_LABEL + membership.partnerId());
        return HexFormat.of().formatHex(hmac(key, membership.userId()));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            // Mac instances are not thread-safe: one per call (cheap next to the network calls around it).
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
