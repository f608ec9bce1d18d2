package org.openaccess.partner.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openaccess.partner.core.secrets.SecretSource;

/**
 * PUID = lowercase hex HMAC-SHA256(puid_key, partner user id): stable for a user, unguessable without
 * the key, and carrying no personal data to Spotify.
 */
public final class HmacPartnerUserIds implements PartnerUserIds {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretSource secrets;

    public HmacPartnerUserIds(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public String derive(String partnerUserId) {
        if (partnerUserId == null || partnerUserId.isEmpty()) {
            throw new IllegalArgumentException("A partner user id is required");
        }
        byte[] key = secrets.current().puidKey().getBytes(StandardCharsets.UTF_8);
        try {
            // Mac instances are not thread-safe: one per call (cheap next to the network calls around it).
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(partnerUserId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
