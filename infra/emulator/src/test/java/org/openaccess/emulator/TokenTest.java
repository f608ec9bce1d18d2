package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openaccess.emulator.junit.ManualClock;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class TokenTest {
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension(
            EmulatorConfig.defaults()
                    .withClient(EmulatorConfig.localClient()
                            .withoutScope(Scopes.UNLINK)
                            .withoutScope(Scopes.MANAGE_PARTNER)),
            clock);

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    private static Map<String, String> exchange(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", SpotifyCaller.REDIRECT);
        return form;
    }

    private static void assertOAuthError(HttpResponse<String> response, String error, String description) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = SpotifyCaller.json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).contains(description);
    }

    @Test
    void codeExchangeGivesUserTokensWithSpotifysFields() {
        HttpResponse<String> response =
                spotify.token(exchange(spotify.code("ada", SpotifyCaller.authorizeParams("s"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = SpotifyCaller.json(response);
        assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("user-soa-link");
        assertThat(body.get("access_token").asText()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(body.get("refresh_token").asText())
                .hasSizeGreaterThanOrEqualTo(40)
                .isNotEqualTo(body.get("access_token").asText());
    }

    @Test
    void aCodeWorksOnce() {
        String code = spotify.code("ada", SpotifyCaller.authorizeParams("s"));
        assertThat(spotify.token(exchange(code)).statusCode()).isEqualTo(200);

        assertOAuthError(spotify.token(exchange(code)), "invalid_grant", "Invalid authorization code");
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        String code = spotify.code("ada", SpotifyCaller.authorizeParams("s"));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertOAuthError(spotify.token(exchange(code)), "invalid_grant", "Authorization code expired");
    }

    @Test
    void anUnknownCodeIsAnInvalidGrant() {
        assertOAuthError(spotify.token(exchange("not-a-code")), "invalid_grant", "Invalid authorization code");
    }

    @Test
    void pkceVerifierMustMatchTheChallenge() throws Exception {
        Map<String, String> params = SpotifyCaller.pkceAuthorizeParams("s", VERIFIER);

        Map<String, String> right = exchange(spotify.code("ada", params));
        right.put("code_verifier", VERIFIER);
        assertThat(spotify.token(right).statusCode()).isEqualTo(200);

        Map<String, String> wrong = exchange(spotify.code("ada", params));
        wrong.put("code_verifier", VERIFIER.replace('d', 'e'));
        assertOAuthError(spotify.token(wrong), "invalid_grant", "code_verifier was incorrect");

        assertOAuthError(
                spotify.token(exchange(spotify.code("ada", params))), "invalid_grant", "code_verifier was incorrect");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "another redirect URI          | redirect_uri  | http://127.0.0.1:3000/callback/ | invalid_grant   | Invalid redirect URI",
                "a verifier without challenge  | code_verifier | " + VERIFIER
                        + " | invalid_grant   | code_verifier was incorrect",
                "a malformed verifier          | code_verifier | short                           | invalid_request | code_verifier"
            })
    void anExchangeWithOneFieldWrongIsRefused(
            String name, String field, String value, String error, String description) {
        Map<String, String> form = exchange(spotify.code("ada", SpotifyCaller.authorizeParams("s")));
        form.put(field, value);

        assertOAuthError(spotify.token(form), error, description);
    }

    @Test
    void aPublicClientWithPkceMayExchangeWithoutSecret() throws Exception {
        Map<String, String> params = SpotifyCaller.pkceAuthorizeParams("s", VERIFIER);
        Map<String, String> form = exchange(spotify.code("ada", params));
        form.put("code_verifier", VERIFIER);
        form.put("client_id", SpotifyCaller.CLIENT_ID);

        assertThat(spotify.postForm("/api/token", form).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutPkceTheSecretIsRequired() {
        Map<String, String> form = exchange(spotify.code("ada", SpotifyCaller.authorizeParams("s")));
        form.put("client_id", SpotifyCaller.CLIENT_ID);

        assertOAuthError(spotify.postForm("/api/token", form), "invalid_client", "Invalid client secret");
    }

    @Test
    void clientCredentialsMayComeInTheBody() {
        Map<String, String> form = new LinkedHashMap<>(Map.of(
                "grant_type",
                "client_credentials",
                "scope",
                "soa-manage-entitlements",
                "client_id",
                SpotifyCaller.CLIENT_ID,
                "client_secret",
                SpotifyCaller.SECRET));

        HttpResponse<String> response = spotify.postForm("/api/token", form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SpotifyCaller.json(response).has("refresh_token")).isFalse();
        assertThat(SpotifyCaller.json(response).get("scope").asText()).isEqualTo("soa-manage-entitlements");
    }

    @Test
    void aWrongSecretOrUnknownClientIsAnInvalidClient() {
        Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "soa-manage-entitlements");
        assertOAuthError(
                spotify.postForm(
                        "/api/token", form, "Authorization", SpotifyCaller.basic(SpotifyCaller.CLIENT_ID, "wrong")),
                "invalid_client",
                "Invalid client secret");
        assertOAuthError(
                spotify.postForm("/api/token", form, "Authorization", SpotifyCaller.basic("unknown", "x")),
                "invalid_client",
                "Invalid client");
        assertOAuthError(
                spotify.postForm("/api/token", form, "Authorization", "Basic !!!"), "invalid_client", "base64");
        assertOAuthError(spotify.postForm("/api/token", form), "invalid_client", "Invalid client");
    }

    @Test
    void grantTypeMustBePresentAndKnown() {
        assertOAuthError(spotify.token(Map.of("code", "x")), "invalid_request", "grant_type parameter is missing");
        assertOAuthError(spotify.token(Map.of("grant_type", "password")), "unsupported_grant_type", "grant_type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "JSON body         | application/json                  | {\"grant_type\":\"client_credentials\"}                 | application/x-www-form-urlencoded",
                "repeated grant    | application/x-www-form-urlencoded | grant_type=client_credentials&grant_type=refresh_token | must not be repeated"
            })
    void aBodyThatIsNotOneFormIsAnInvalidRequest(String name, String contentType, String body, String description) {
        HttpResponse<String> response =
                spotify.rawToken(contentType, body, SpotifyCaller.basic(SpotifyCaller.CLIENT_ID, SpotifyCaller.SECRET));

        assertOAuthError(response, "invalid_request", description);
    }

    @Test
    void clientCredentialsOnlyGrantAllowListedServiceScopes() {
        Map<String, String> unlisted = Map.of("grant_type", "client_credentials", "scope", "user-soa-unlink");
        assertOAuthError(spotify.token(unlisted), "invalid_scope", "user-soa-unlink");

        Map<String, String> unknown = Map.of("grant_type", "client_credentials", "scope", "playlist-modify");
        assertOAuthError(spotify.token(unknown), "invalid_scope", "playlist-modify");
    }

    @Test
    void userAndServiceScopesNeverMix() {
        Map<String, String> mixed =
                Map.of("grant_type", "client_credentials", "scope", "soa-manage-entitlements user-soa-link");

        assertOAuthError(spotify.token(mixed), "invalid_scope", "never mix");
    }

    @Test
    void refreshGivesANewAccessTokenAndKeepsTheRefreshToken() {
        JsonNode first =
                SpotifyCaller.json(spotify.token(exchange(spotify.code("ada", SpotifyCaller.authorizeParams("s")))));

        HttpResponse<String> refreshed = spotify.token(Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                first.get("refresh_token").asText()));

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode body = SpotifyCaller.json(refreshed);
        assertThat(body.get("access_token").asText())
                .isNotEqualTo(first.get("access_token").asText());
        assertThat(body.get("scope").asText()).isEqualTo("user-soa-link");
        assertThat(body.has("refresh_token")).isFalse();
        String registered = spotify.signed(
                        "register-user",
                        body.get("access_token").asText(),
                        SpotifyCaller.payload("000000000000000a", List.of("basic")))
                .body();
        assertThat(registered).contains("completion_url");
    }

    @Test
    void anUnknownRefreshTokenIsInvalid() {
        assertOAuthError(
                spotify.token(Map.of("grant_type", "refresh_token", "refresh_token", "nope")),
                "invalid_grant",
                "Invalid refresh token");
        assertOAuthError(spotify.token(Map.of("grant_type", "refresh_token")), "invalid_request", "refresh_token");
    }

    @Test
    void unlinkingRevokesTheUsersRefreshTokens() {
        // This class's client lacks user-soa-unlink, so use an emulator with the full local client.
        try (SpotifyEmulator full = SpotifyEmulator.start(EmulatorConfig.defaults(), 0, clock)) {
            SpotifyCaller caller = new SpotifyCaller(full.baseUrl());
            JsonNode userTokens = SpotifyCaller.json(
                    caller.token(exchange(caller.code("grace", SpotifyCaller.authorizeParams("s")))));
            caller.signed(
                    "register-user",
                    userTokens.get("access_token").asText(),
                    SpotifyCaller.payload("00000000000000bb", List.of("basic")));
            String service = caller.clientToken("user-soa-unlink");
            assertThat(caller.signed("unlink-user", service, SpotifyCaller.payload("00000000000000bb", null))
                            .statusCode())
                    .isEqualTo(200);

            assertOAuthError(
                    caller.token(Map.of(
                            "grant_type",
                            "refresh_token",
                            "refresh_token",
                            userTokens.get("refresh_token").asText())),
                    "invalid_grant",
                    "Refresh token revoked");
        }
    }

    @Test
    void accessTokensExpireAfterAnHour() {
        String token = spotify.clientToken("soa-manage-entitlements");
        clock.advance(Duration.ofHours(1));

        HttpResponse<String> response =
                spotify.signed("get-entitlements", token, SpotifyCaller.payload("000000000000000a", null));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("token_expired");
    }

    @Test
    void tokenCallsAreRecordedWithoutSecrets() {
        String token = spotify.clientToken("soa-manage-entitlements");

        RecordedCall call = EMULATOR.emulator().calls("token").getLast();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.clientId()).isEqualTo(SpotifyCaller.CLIENT_ID);
        assertThat(call.verdict()).isEqualTo("ok (client_credentials)");
        assertThat(call.toString()).doesNotContain(token).doesNotContain(SpotifyCaller.SECRET);
    }
}
