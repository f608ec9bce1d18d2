package org.openaccess.emulator.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.IssuedSecrets;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.Sha256;
import org.openaccess.emulator.SpotifyState;
import org.openaccess.emulator.http.FormData;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;

/**
 * {@code POST /api/token}: the three grants a partner uses, with Spotify's error codes and
 * descriptions, so a partner's error handling meets the answers it will meet in production.
 */
public final class TokenEndpoint {
    private static final FormData.ErrorCodes OAUTH = FormData.ErrorCodes.OAUTH;
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final SpotifyState spotify;

    public TokenEndpoint(SpotifyState spotify) {
        this.spotify = spotify;
    }

    public Response token(Request request) {
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        FormData form = FormData.parse(new String(request.body(MAX_FORM_BYTES), StandardCharsets.UTF_8), OAUTH);
        String grantType =
                form.nonEmpty("grant_type", OAUTH).orElseThrow(() -> invalidRequest("grant_type parameter is missing"));
        request.notes().detail(grantType);
        Caller caller = authenticate(request, form);
        request.notes().clientId(caller.client().id());
        Map<String, Object> body = switch (grantType) {
            case "authorization_code" -> exchangeCode(caller, form);
            case "refresh_token" -> refresh(caller, form);
            case "client_credentials" -> clientCredentials(caller, form);
            default -> throw new Rejection(400, "unsupported_grant_type", "grant_type parameter is invalid");
        };
        return Response.json(200, body).withHeader("Cache-Control", "no-store");
    }

    private Map<String, Object> exchangeCode(Caller caller, FormData form) {
        String code = form.nonEmpty("code", OAUTH).orElseThrow(() -> invalidRequest("code parameter is missing"));
        String redirectUri = form.nonEmpty("redirect_uri", OAUTH)
                .orElseThrow(() -> invalidRequest("redirect_uri parameter is missing"));
        Optional<String> verifier = form.nonEmpty("code_verifier", OAUTH);
        verifier.ifPresent(v -> spotify.grants().received(IssuedSecrets.Kind.CODE_VERIFIER, v));
        if (verifier.isPresent() && !VERIFIER.matcher(verifier.get()).matches()) {
            throw invalidRequest("code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~");
        }
        AuthorizationCode issued = spotify.grants()
                .burnCode(code)
                .filter(c -> c.clientId().equals(caller.client().id()))
                .orElseThrow(() -> invalidGrant("Invalid authorization code"));
        if (spotify.grants().expired(issued)) {
            throw invalidGrant("Authorization code expired");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw invalidGrant("Invalid redirect URI");
        }
        if (issued.codeChallenge() == null
                ? verifier.isPresent()
                : verifier.isEmpty() || !issued.codeChallenge().equals(s256(verifier.get()))) {
            throw invalidGrant("code_verifier was incorrect");
        }
        if (!caller.secretChecked() && issued.codeChallenge() == null) {
            throw new Rejection(400, "invalid_client", "Invalid client secret");
        }
        return userTokens(
                issued.clientId(),
                issued.userId(),
                issued.scopes(),
                spotify.grants()
                        .issueRefreshToken(
                                issued.clientId(), issued.userId(), issued.scopes(), !caller.secretChecked()));
    }

    private Map<String, Object> refresh(Caller caller, FormData form) {
        String token = form.nonEmpty("refresh_token", OAUTH)
                .orElseThrow(() -> invalidRequest("refresh_token must be supplied"));
        RefreshGrant grant = spotify.grants()
                .refreshGrant(token)
                .filter(g -> g.clientId().equals(caller.client().id()))
                .orElseThrow(() -> invalidGrant("Invalid refresh token"));
        if (!caller.secretChecked() && !grant.publicClient()) {
            throw new Rejection(400, "invalid_client", "Invalid client secret");
        }
        if (grant.revoked()) {
            throw invalidGrant("Refresh token revoked");
        }
        // Spotify may omit a new refresh token: the emulator always does, so partners keep the old one.
        return userTokens(grant.clientId(), grant.userId(), grant.scopes(), null);
    }

    private Map<String, Object> clientCredentials(Caller caller, FormData form) {
        if (!caller.secretChecked()) {
            throw new Rejection(400, "invalid_client", "Invalid client secret");
        }
        Set<String> scopes = new LinkedHashSet<>();
        form.single("scope", OAUTH)
                .ifPresent(s ->
                        Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).forEach(scopes::add));
        for (String scope : scopes) {
            if (Scopes.USER.contains(scope)) {
                throw new Rejection(
                        400,
                        "invalid_scope",
                        "Scope " + scope + " needs a user's consent; user and service scopes never mix");
            }
            if (!Scopes.SERVICE.contains(scope)
                    || !caller.client().allowedScopes().contains(scope)) {
                throw new Rejection(400, "invalid_scope", "Invalid scope: " + scope);
            }
        }
        String access = spotify.grants().issueAccessToken(caller.client().id(), null, scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", Grants.TOKEN_LIFETIME.toSeconds());
        body.put("scope", String.join(" ", scopes));
        return body;
    }

    private Map<String, Object> userTokens(String clientId, String userId, Set<String> scopes, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", spotify.grants().issueAccessToken(clientId, userId, scopes));
        body.put("token_type", "Bearer");
        body.put("expires_in", Grants.TOKEN_LIFETIME.toSeconds());
        body.put("scope", String.join(" ", scopes));
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        return body;
    }

    /** Basic auth first, then body fields; a public client (PKCE) may send its id without a secret. */
    private Caller authenticate(Request request, FormData form) {
        String clientId;
        String secret;
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            String[] pair = basicCredentials(authorization.get());
            clientId = pair[0];
            secret = pair[1];
        } else {
            clientId = form.nonEmpty("client_id", OAUTH).orElse(null);
            secret = form.nonEmpty("client_secret", OAUTH).orElse(null);
        }
        if (clientId == null) {
            throw new Rejection(400, "invalid_client", "Invalid client");
        }
        ClientConfig client = spotify.config()
                .client(clientId)
                .orElseThrow(() -> new Rejection(400, "invalid_client", "Invalid client"));
        if (secret == null) {
            return new Caller(client, false);
        }
        boolean matches = MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), client.secret().getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            throw new Rejection(400, "invalid_client", "Invalid client secret");
        }
        return new Caller(client, true);
    }

    private static String[] basicCredentials(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Rejection(400, "invalid_client", "Invalid client: Authorization must use the Basic scheme");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "invalid_client", "Invalid client: Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new Rejection(400, "invalid_client", "Invalid client: Basic credentials must be id:secret");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** The verifier is checked to be ASCII before: its UTF-8 bytes are its ASCII bytes, as RFC 7636 hashes them. */
    private static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier));
    }

    private static Rejection invalidRequest(String description) {
        return new Rejection(400, "invalid_request", description);
    }

    private static Rejection invalidGrant(String description) {
        return new Rejection(400, "invalid_grant", description);
    }

    private record Caller(ClientConfig client, boolean secretChecked) {}
}
