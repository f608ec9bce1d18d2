package org.openaccess.emulator.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openaccess.emulator.IssuedSecrets;
import org.openaccess.emulator.IssuedSecrets.Kind;

/** Every code, access token and refresh token issued, keyed by its opaque value. */
public final class Grants {
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final Clock clock;
    private final IssuedSecrets issued;
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    public Grants(Clock clock, IssuedSecrets issued) {
        this.clock = clock;
        this.issued = issued;
    }

    /** A secret value a caller sent (a state, a PKCE verifier): recorded with the ones issued. */
    void received(Kind kind, String value) {
        issued.add(kind, value);
    }

    String issueCode(String clientId, String userId, String redirectUri, Set<String> scopes, String challenge) {
        String code = OpaqueIds.token();
        issued.add(Kind.AUTHORIZATION_CODE, code);
        codes.put(
                code,
                new AuthorizationCode(
                        clientId,
                        userId,
                        redirectUri,
                        Set.copyOf(scopes),
                        challenge,
                        clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** Removes and returns the code: a code works once, whatever the outcome of the exchange. */
    Optional<AuthorizationCode> burnCode(String code) {
        return Optional.ofNullable(codes.remove(code));
    }

    String issueAccessToken(String clientId, String userId, Set<String> scopes) {
        String token = OpaqueIds.token();
        issued.add(Kind.ACCESS_TOKEN, token);
        accessTokens.put(
                token,
                new AccessToken(
                        clientId, userId, Set.copyOf(scopes), clock.instant().plus(TOKEN_LIFETIME)));
        return token;
    }

    String issueRefreshToken(String clientId, String userId, Set<String> scopes, boolean publicClient) {
        String token = OpaqueIds.token();
        issued.add(Kind.REFRESH_TOKEN, token);
        refreshTokens.put(token, new RefreshGrant(clientId, userId, Set.copyOf(scopes), publicClient, false));
        return token;
    }

    Optional<RefreshGrant> refreshGrant(String token) {
        return Optional.ofNullable(refreshTokens.get(token));
    }

    public Optional<AccessToken> accessToken(String token) {
        return Optional.ofNullable(accessTokens.get(token));
    }

    /** Refresh tokens of this user for this client stop working (e.g. after unlinking). */
    public void revokeRefreshTokens(String clientId, String userId) {
        refreshTokens.replaceAll((token, grant) ->
                grant.clientId().equals(clientId) && grant.userId().equals(userId) ? grant.revoke() : grant);
    }

    /** Every access token issued so far expires now (to test a partner's recovery from 401). */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, grant) -> new AccessToken(
                grant.clientId(),
                grant.userId(),
                grant.scopes(),
                clock.instant().minusSeconds(1)));
    }

    public boolean expired(AccessToken token) {
        return !clock.instant().isBefore(token.expiresAt());
    }

    boolean expired(AuthorizationCode code) {
        return !clock.instant().isBefore(code.expiresAt());
    }

    /** Forgets codes; tokens stay valid, as real ones would across a partner's test runs. */
    public void forgetCodes() {
        codes.clear();
    }
}
