package org.openaccess.partner.core.linking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerRoute;

/**
 * One pending pass through the linking flow, stored between entrypoint and callback under the hash of
 * its state value (the state itself is never stored). toString never shows the verifier.
 *
 * @param stateHash          SHA-256 of the state value, base64url
 * @param partnerUserId      the partner's own user id from the session
 * @param partner            the partner the flow links to (its Spotify id, and its slug when not the default one)
 * @param codeVerifier       the PKCE verifier for the code exchange
 * @param browserBindingHash SHA-256 of the nonce set in the browser-binding cookie, base64url
 * @param showUri            the spotify:show URI the flow started from, if any
 * @param expiresAt          {@link #LIFETIME} after creation; also the TTL attribute
 */
public record LinkState(
        String stateHash,
        String partnerUserId,
        PartnerRoute partner,
        String codeVerifier,
        String browserBindingHash,
        Optional<String> showUri,
        Instant expiresAt) {
    /**
     * How long a listener has to approve on Spotify and come back: the state's expiry and TTL, the binding
     * cookie's Max-Age and what the expired page says all derive from this one value.
     */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A state issued {@code now}: it expires {@link #LIFETIME} later. */
    public static LinkState issued(
            String stateHash,
            String partnerUserId,
            PartnerRoute partner,
            String codeVerifier,
            String browserBindingHash,
            Optional<String> showUri,
            Instant now) {
        return new LinkState(
                stateHash, partnerUserId, partner, codeVerifier, browserBindingHash, showUri, now.plus(LIFETIME));
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "LinkState[partnerUserId=" + partnerUserId + ", partnerId=" + partner.partnerId() + ", expiresAt="
                + expiresAt + "]";
    }
}
