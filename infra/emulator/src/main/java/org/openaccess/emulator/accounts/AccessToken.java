package org.openaccess.emulator.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * What an access token stands for.
 *
 * @param userId the Spotify user for tokens from the authorization code flow; {@code null} for client credentials
 */
public record AccessToken(String clientId, String userId, Set<String> scopes, Instant expiresAt) {
    public boolean isUserToken() {
        return userId != null;
    }
}
