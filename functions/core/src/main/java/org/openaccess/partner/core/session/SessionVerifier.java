package org.openaccess.partner.core.session;

import java.util.Optional;

/**
 * Port: verifies the partner's session cookie. The adapter accepts an HS256 JWT signed with
 * {@code session_key} ({@code sub} = partner's user id, {@code exp} required), and RS256/ES256 JWTs
 * verified against PARTNER_SESSION_JWKS_URL when that is set.
 */
public interface SessionVerifier {
    SessionCheck verify(Optional<String> cookieValue);
}
