package org.openaccess.partner.core.spotify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.observability.Metrics.SpotifyOutcome;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;

/**
 * Spotify Accounts over HTTP: the authorize URL, the three grants, and a per-scope cache of
 * client-credentials tokens. The client authenticates with HTTP Basic; on {@code invalid_client} the
 * secret may have been rotated, so it is re-read once and the request retried once.
 */
public final class HttpAccountsClient implements AccountsClient {
    /** A cached token is dropped this long before Spotify would expire it. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI accountsUrl;
    private final String clientId;
    /** CALLBACK_URL; only the functions that run the authorization-code flow have it. */
    private final Optional<URI> redirectUri;
    /** /authorize with the parts that never change (client, response type, callback, scope), encoded once. */
    private final Optional<String> authorizePrefix;

    private final SecretSource secrets;
    private final Clock clock;
    private final Metrics metrics;
    private final Map<String, TokenAnswer> serviceTokens = new ConcurrentHashMap<>();

    public HttpAccountsClient(
            HttpClient http,
            URI accountsUrl,
            String clientId,
            Optional<URI> redirectUri,
            SecretSource secrets,
            Clock clock) {
        this(http, accountsUrl, clientId, redirectUri, secrets, clock, Metrics.discarding());
    }

    /** @param metrics counts each token request ({@code SpotifyCalls}, {@code SpotifyLatency}, endpoint "token") */
    public HttpAccountsClient(
            HttpClient http,
            URI accountsUrl,
            String clientId,
            Optional<URI> redirectUri,
            SecretSource secrets,
            Clock clock,
            Metrics metrics) {
        this.metrics = metrics;
        this.http = http;
        this.accountsUrl = accountsUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.secrets = secrets;
        this.clock = clock;
        this.authorizePrefix = redirectUri.map(callback -> {
            Map<String, String> fixed = new LinkedHashMap<>();
            fixed.put("client_id", clientId);
            fixed.put("response_type", "code");
            fixed.put("redirect_uri", callback.toString());
            fixed.put("scope", Scopes.USER_LINK);
            return endpoint("authorize") + "?" + formEncode(fixed);
        });
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge) {
        Map<String, String> perRequest = new LinkedHashMap<>();
        perRequest.put("state", state);
        perRequest.put("code_challenge_method", "S256");
        perRequest.put("code_challenge", codeChallenge);
        return URI.create(
                authorizePrefix.orElseThrow(HttpAccountsClient::noCallbackUrl) + "&" + formEncode(perRequest));
    }

    @Override
    public UserToken exchangeCode(String code, String codeVerifier)
            throws AccountsRejectedException, SpotifyUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri().toString());
        form.put("code_verifier", codeVerifier);
        TokenAnswer answer = requestToken(form);
        return new UserToken(answer.accessToken(), answer.refreshToken(), answer.expiresAt(), answer.scope());
    }

    private URI redirectUri() {
        return redirectUri.orElseThrow(HttpAccountsClient::noCallbackUrl);
    }

    private static IllegalStateException noCallbackUrl() {
        return new IllegalStateException(
                "CALLBACK_URL is not configured for this function: it cannot run the authorization-code flow");
    }

    @Override
    public UserToken refresh(String refreshToken) throws AccountsRejectedException, SpotifyUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        TokenAnswer answer = requestToken(form);
        // Spotify may omit a new refresh token: the old one stays valid then.
        return new UserToken(
                answer.accessToken(),
                answer.refreshToken().or(() -> Optional.of(refreshToken)),
                answer.expiresAt(),
                answer.scope());
    }

    @Override
    public String serviceToken(String scope) throws AccountsRejectedException, SpotifyUnavailableException {
        TokenAnswer cached = serviceTokens.get(scope);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt().minus(EXPIRY_MARGIN))) {
            return cached.accessToken();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        TokenAnswer fresh = requestToken(form);
        serviceTokens.put(scope, fresh);
        return fresh.accessToken();
    }

    @Override
    public void forgetServiceToken(String scope) {
        serviceTokens.remove(scope);
    }

    private TokenAnswer requestToken(Map<String, String> form)
            throws AccountsRejectedException, SpotifyUnavailableException {
        PartnerSecrets used = secrets.current();
        try {
            return post(form, used.clientSecret());
        } catch (AccountsRejectedException e) {
            if (!e.is("invalid_client")) {
                throw e;
            }
            PartnerSecrets reread = secrets.reloadAfterRejection();
            if (reread.clientSecret().equals(used.clientSecret())) {
                throw e;
            }
            return post(form, reread.clientSecret());
        }
    }

    private TokenAnswer post(Map<String, String> form, String clientSecret)
            throws AccountsRejectedException, SpotifyUnavailableException {
        String credentials =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint("api/token")))
                .timeout(SpotifyHttp.REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
            countCall(SpotifyOutcome.ofStatus(response.statusCode()), started);
        } catch (HttpTimeoutException e) {
            countCall(SpotifyOutcome.NO_ANSWER, started);
            throw new SpotifyUnavailableException("Spotify Accounts did not answer in time", 0, Optional.empty(), e);
        } catch (IOException e) {
            countCall(SpotifyOutcome.NO_ANSWER, started);
            throw new SpotifyUnavailableException("Spotify Accounts could not be reached", 0, Optional.empty(), e);
        } catch (InterruptedException e) {
            countCall(SpotifyOutcome.NO_ANSWER, started);
            Thread.currentThread().interrupt();
            throw new SpotifyUnavailableException("Interrupted while calling Spotify Accounts", 0, Optional.empty(), e);
        }
        return TokenAnswer.read(response, clock);
    }

    private void countCall(SpotifyOutcome outcome, long startedNanos) {
        metrics.spotifyCall(Metrics.TOKEN_ENDPOINT, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private String endpoint(String path) {
        String base = accountsUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
