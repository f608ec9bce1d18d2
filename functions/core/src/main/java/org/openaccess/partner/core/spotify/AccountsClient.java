package org.openaccess.partner.core.spotify;

import java.net.URI;

/**
 * Port: Spotify Accounts (OAuth 2.0). The adapter authenticates with the client secret from
 * {@code SecretSource} (re-read once on {@code invalid_client}), and caches client-credentials tokens
 * per scope until shortly before they expire.
 */
public interface AccountsClient {
    /** The /authorize URL: client id, response_type=code, scope user-soa-link, CALLBACK_URL, state, S256 challenge. */
    URI authorizeUrl(String state, String codeChallenge);

    /** authorization_code grant with the PKCE verifier; redirect_uri is CALLBACK_URL. */
    UserToken exchangeCode(String code, String codeVerifier)
            throws AccountsRejectedException, SpotifyUnavailableException;

    /** refresh_token grant; keeps the old refresh token when Spotify sends no new one. */
    UserToken refresh(String refreshToken) throws AccountsRejectedException, SpotifyUnavailableException;

    /** A client-credentials access token for one service scope (cached per scope). */
    String serviceToken(String scope) throws AccountsRejectedException, SpotifyUnavailableException;

    /** Drops a cached service token (e.g. after Open Access answered 401 with it). */
    void forgetServiceToken(String scope);
}
