package org.openaccess.emulator.accounts;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.IssuedSecrets;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.RedirectUriRule;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.SpotifyState;
import org.openaccess.emulator.content.ContentAccessEndpoint;
import org.openaccess.emulator.http.FormData;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;

/**
 * {@code GET /authorize} and the consent form's {@code POST /authorize/consent}. A bad client or
 * redirect URI is answered with an error page (never a redirect, so nothing leaks to an unchecked
 * URL); every later problem goes back to the redirect URI as {@code ?error=...&state=...}.
 */
public final class AuthorizeEndpoint {
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final FormData.ErrorCodes PAGE = FormData.ErrorCodes.PAGE;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final SpotifyState spotify;

    public AuthorizeEndpoint(SpotifyState spotify) {
        this.spotify = spotify;
    }

    public Response authorize(Request request) {
        FormData query = request.query(PAGE);
        ClientConfig client = checkedClient(query);
        String redirectUri = checkedRedirectUri(client, query);
        String state = query.single("state", PAGE).orElse(null);
        spotify.grants().received(IssuedSecrets.Kind.STATE, state);
        AuthorizationRequest checked;
        try {
            checked = checkedRequest(client, redirectUri, state, query);
        } catch (Rejection rejection) {
            // The redirect URI is trusted from here on: the client hears of the problem there.
            return Response.redirect(withParameters(redirectUri, params("error", rejection.code(), "state", state)));
        }
        Optional<String> autoApprove = spotify.config().autoApproveUserFor(client);
        if (autoApprove.isPresent()) {
            return approve(checked, autoApprove.get());
        }
        String consentId = OpaqueIds.token();
        pending.put(consentId, new Pending(checked, spotify.clock().instant().plus(Grants.CODE_LIFETIME)));
        return Response.html(
                        200,
                        ConsentPage.render(
                                client,
                                partner(request, client),
                                checked,
                                spotify.config().users(),
                                consentId))
                .withHeader("Cache-Control", "no-store");
    }

    /**
     * The partner the listener is linking to: the one whose "Get access" they pressed on Spotify (remembered in a
     * cookie, if this client owns it), else the client's only partner; none when a platform's flow started on its
     * own site.
     */
    private Partner partner(Request request, ClientConfig client) {
        return request.cookie(ContentAccessEndpoint.PARTNER_COOKIE)
                .flatMap(spotify.partners()::partner)
                .filter(p -> p.ownerClientId().equals(client.id()))
                .or(() -> spotify.partners().soleOf(client.id()))
                .orElse(null);
    }

    /** The consent form's answer: Approve issues a code for the chosen user, Cancel reports access_denied. */
    public Response decide(Request request) {
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            throw Rejection.badRequest("INVALID_REQUEST", "The consent form must be posted form-encoded");
        }
        FormData form = FormData.parse(new String(request.body(64 * 1024), StandardCharsets.UTF_8), PAGE);
        String consentId = form.nonEmpty("consent", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_REQUEST", "The consent form is incomplete"));
        Pending waiting = pending.remove(consentId);
        if (waiting == null || !spotify.clock().instant().isBefore(waiting.expiresAt())) {
            throw Rejection.badRequest(
                    "CONSENT_EXPIRED",
                    "This consent page has expired or was already answered; start again from the partner's site");
        }
        AuthorizationRequest authorization = waiting.request();
        String decision = form.single("decision", PAGE).orElse("");
        if (decision.equals("cancel")) {
            return Response.redirect(withParameters(
                    authorization.redirectUri(), params("error", "access_denied", "state", authorization.state())));
        }
        if (!decision.equals("approve")) {
            throw Rejection.badRequest("INVALID_REQUEST", "Choose Agree or Cancel");
        }
        String userId = form.nonEmpty("user", PAGE)
                .filter(id -> spotify.config().user(id).isPresent())
                .orElseThrow(() -> Rejection.badRequest("INVALID_USER", "Choose one of the listed test users"));
        return approve(authorization, userId);
    }

    private Response approve(AuthorizationRequest authorization, String userId) {
        String code = spotify.grants()
                .issueCode(
                        authorization.clientId(),
                        userId,
                        authorization.redirectUri(),
                        authorization.scopes(),
                        authorization.codeChallenge());
        return Response.redirect(
                withParameters(authorization.redirectUri(), params("code", code, "state", authorization.state())));
    }

    private ClientConfig checkedClient(FormData query) {
        String clientId = query.nonEmpty("client_id", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_CLIENT", "Missing required parameter: client_id"));
        return spotify.config()
                .client(clientId)
                .orElseThrow(() -> Rejection.badRequest("INVALID_CLIENT", "Invalid client"));
    }

    private static String checkedRedirectUri(ClientConfig client, FormData query) {
        String redirectUri = query.nonEmpty("redirect_uri", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_CLIENT", "Missing required parameter: redirect_uri"));
        String problem = RedirectUriRule.problemWith(redirectUri);
        if (problem != null) {
            throw Rejection.badRequest("INVALID_CLIENT", "Insecure redirect URI: " + problem);
        }
        if (!client.redirectUris().contains(redirectUri)) {
            throw Rejection.badRequest(
                    "INVALID_CLIENT",
                    "Invalid redirect URI: it must equal one registered for this client, character for character");
        }
        return redirectUri;
    }

    private AuthorizationRequest checkedRequest(ClientConfig client, String redirectUri, String state, FormData query) {
        FormData.ErrorCodes oauth = FormData.ErrorCodes.OAUTH;
        String responseType = query.nonEmpty("response_type", oauth)
                .orElseThrow(() -> Rejection.badRequest("invalid_request", "response_type is missing"));
        if (!responseType.equals("code")) {
            throw Rejection.badRequest("unsupported_response_type", "Only response_type=code is supported");
        }
        Set<String> scopes = new LinkedHashSet<>();
        query.single("scope", oauth)
                .ifPresent(s ->
                        Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).forEach(scopes::add));
        for (String scope : scopes) {
            if (!Scopes.USER.contains(scope) || !client.allowedScopes().contains(scope)) {
                throw Rejection.badRequest("invalid_scope", "Scope not allowed: " + scope);
            }
        }
        Optional<String> challenge = query.single("code_challenge", oauth);
        Optional<String> method = query.single("code_challenge_method", oauth);
        if (challenge.isPresent() != method.isPresent()) {
            throw Rejection.badRequest("invalid_request", "code_challenge and code_challenge_method go together");
        }
        if (method.isPresent() && !method.get().equals("S256")) {
            throw Rejection.badRequest("invalid_request", "code_challenge_method must be S256");
        }
        if (challenge.isPresent() && !CHALLENGE.matcher(challenge.get()).matches()) {
            throw Rejection.badRequest("invalid_request", "code_challenge must be 43 base64url characters");
        }
        return new AuthorizationRequest(client.id(), redirectUri, scopes, state, challenge.orElse(null));
    }

    private static Map<String, String> params(String name, String value, String stateName, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(name, value);
        if (state != null) {
            params.put(stateName, state);
        }
        return params;
    }

    private static URI withParameters(String base, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        params.forEach((name, value) -> uri.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        uri.setLength(uri.length() - 1);
        return URI.create(uri.toString());
    }

    public void forgetPending() {
        pending.clear();
    }

    private record Pending(AuthorizationRequest request, Instant expiresAt) {}
}
