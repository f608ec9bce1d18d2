package org.openaccess.emulator.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A code handed to the redirect URI after consent.
 *
 * @param codeChallenge the PKCE S256 challenge, or {@code null} without PKCE
 */
record AuthorizationCode(
        String clientId,
        String userId,
        String redirectUri,
        Set<String> scopes,
        String codeChallenge,
        Instant expiresAt) {}
