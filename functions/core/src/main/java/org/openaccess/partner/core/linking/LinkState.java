package org.openaccess.partner.core.linking;

import java.time.Instant;
import java.util.Optional;

/**
 * One pending pass through the linking flow, stored between entrypoint and callback under the hash of
 * its state value (the state itself is never stored). toString never shows the verifier.
 *
 * @param stateHash          SHA-256 of the state value, base64url
 * @param partnerUserId      the partner's own user id from the session
 * @param codeVerifier       the PKCE verifier for the code exchange
 * @param browserBindingHash SHA-256 of the nonce set in the browser-binding cookie, base64url
 * @param showUri            the spotify:show URI the flow started from, if any
 * @param expiresAt          10 minutes after creation; also the TTL attribute
 */
public record LinkState(
        String stateHash,
        String partnerUserId,
        String codeVerifier,
        String browserBindingHash,
        Optional<String> showUri,
        Instant expiresAt) {
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "LinkState[partnerUserId=" + partnerUserId + ", expiresAt=" + expiresAt + "]";
    }
}
