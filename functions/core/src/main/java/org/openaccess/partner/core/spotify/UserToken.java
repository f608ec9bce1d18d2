package org.openaccess.partner.core.spotify;

import java.time.Instant;
import java.util.Optional;

/** A user's access token from the authorization-code or refresh grant. toString never shows tokens. */
public record UserToken(String accessToken, Optional<String> refreshToken, Instant expiresAt, String scope) {
    @Override
    public String toString() {
        return "UserToken[scope=" + scope + ", expiresAt=" + expiresAt + "]";
    }
}
