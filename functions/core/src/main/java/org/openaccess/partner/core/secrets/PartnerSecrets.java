package org.openaccess.partner.core.secrets;

import java.util.Objects;

/**
 * The three secret values of one partner deployment (one Secrets Manager secret, JSON keys
 * {@code client_secret}, {@code session_key}, {@code puid_key}). toString never shows them.
 */
public record PartnerSecrets(String clientSecret, String sessionKey, String puidKey) {
    public PartnerSecrets {
        Objects.requireNonNull(clientSecret, "client_secret");
        Objects.requireNonNull(sessionKey, "session_key");
        Objects.requireNonNull(puidKey, "puid_key");
    }

    @Override
    public String toString() {
        return "PartnerSecrets[redacted]";
    }
}
