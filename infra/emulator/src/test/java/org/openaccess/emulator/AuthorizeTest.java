package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class AuthorizeTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension(EmulatorConfig.defaults()
            .withClient(ClientConfig.of(
                            "headless0000000000000000000000aa",
                            "headless-secret-0123456789abcdef01",
                            "Headless partner")
                    .withRedirectUris(java.util.List.of("https://partner.example/callback"))
                    .withAllowedScopes(Scopes.ALL)
                    .withAutoApproveUser("grace")));

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @Test
    void consentPageShowsClientScopesUsersAndBothButtons() {
        HttpResponse<String> page = spotify.authorize(SpotifyCaller.authorizeParams("st"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body())
                .contains("Local Demo Partner (development)")
                .contains("data-scope=\"user-soa-link\"")
                .contains("<select name=\"user\"")
                .contains("<option value=\"ada\">Ada Lovelace")
                .contains("<option value=\"grace\">")
                .contains("<option value=\"alan\">")
                .contains("id=\"approve\"")
                .contains("id=\"cancel\"")
                .doesNotContain(SpotifyCaller.SECRET);
    }

    @Test
    void approveRedirectsWithCodeAndState() {
        HttpResponse<String> redirect = spotify.consent(SpotifyCaller.authorizeParams("state-123"), "ada", "approve");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.location(redirect)).startsWith(SpotifyCaller.REDIRECT + "?code=");
        assertThat(SpotifyCaller.queryParam(redirect, "state")).isEqualTo("state-123");
        assertThat(SpotifyCaller.queryParam(redirect, "code")).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void cancelRedirectsWithAccessDeniedAndState() {
        HttpResponse<String> redirect = spotify.consent(SpotifyCaller.authorizeParams("state-9"), "ada", "cancel");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.location(redirect))
                .isEqualTo(SpotifyCaller.REDIRECT + "?error=access_denied&state=state-9");
    }

    @Test
    void aConsentFormWorksOnlyOnce() {
        HttpResponse<String> page = spotify.authorize(SpotifyCaller.authorizeParams("s"));
        String consentId = page.body().replaceAll("(?s).*name=\"consent\" value=\"([^\"]+)\".*", "$1");
        Map<String, String> answer = Map.of("consent", consentId, "user", "ada", "decision", "approve");

        assertThat(spotify.postForm("/authorize/consent", answer).statusCode()).isEqualTo(302);
        HttpResponse<String> replay = spotify.postForm("/authorize/consent", answer);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("CONSENT_EXPIRED");
    }

    @Test
    void approvingAsAnUnknownUserIsRefused() {
        HttpResponse<String> page = spotify.authorize(SpotifyCaller.authorizeParams("s"));
        String consentId = page.body().replaceAll("(?s).*name=\"consent\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> answer = spotify.postForm(
                "/authorize/consent", Map.of("consent", consentId, "user", "mallory", "decision", "approve"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("INVALID_USER");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown client     | client_id    | ffffffffffffffffffffffffffffffff           | Invalid client",
                "missing client     | client_id    |                                            | Missing required parameter: client_id",
                "unregistered uri   | redirect_uri | http://127.0.0.1:3000/other                | Invalid redirect URI",
                "trailing slash     | redirect_uri | http://127.0.0.1:3000/callback/            | Invalid redirect URI",
                "localhost          | redirect_uri | http://localhost:3000/callback             | 'localhost' is refused",
                "plain http         | redirect_uri | http://partner.example/callback            | plain http is only allowed",
                "missing redirect   | redirect_uri |                                            | Missing required parameter: redirect_uri"
            })
    void badClientOrRedirectGivesAnErrorPageAndNoRedirect(String name, String param, String value, String message) {
        Map<String, String> params = SpotifyCaller.authorizeParamsWith("s", param, value);
        HttpResponse<String> page = spotify.authorize(params);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("INVALID_CLIENT").contains(message.replace("'", "&#39;"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "token response type  | response_type         | token                    | unsupported_response_type",
                "no response type     | response_type         |                          | invalid_request",
                "service scope        | scope                 | soa-manage-entitlements  | invalid_scope",
                "unknown scope        | scope                 | playlist-read-private    | invalid_scope",
                "plain PKCE           | code_challenge_method | plain                    | invalid_request"
            })
    void otherProblemsGoBackToTheRedirectUriWithState(String name, String param, String value, String error) {
        Map<String, String> params = SpotifyCaller.authorizeParamsWith("st", param, value);
        if (param.equals("code_challenge_method")) {
            params.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        }
        HttpResponse<String> redirect = spotify.authorize(params);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.queryParam(redirect, "error")).isEqualTo(error);
        assertThat(SpotifyCaller.queryParam(redirect, "state")).isEqualTo("st");
        assertThat(SpotifyCaller.queryParam(redirect, "code")).isNull();
    }

    @Test
    void malformedPkceChallengeIsRefused() {
        Map<String, String> params = new java.util.LinkedHashMap<>(SpotifyCaller.authorizeParams("st"));
        params.put("code_challenge", "too-short");
        params.put("code_challenge_method", "S256");

        assertThat(SpotifyCaller.queryParam(spotify.authorize(params), "error")).isEqualTo("invalid_request");
    }

    @Test
    void aClientWithAutoApproveGetsACodeWithoutAPage() {
        Map<String, String> params = new java.util.LinkedHashMap<>(SpotifyCaller.authorizeParams("auto"));
        params.put("client_id", "headless0000000000000000000000aa");
        params.put("redirect_uri", "https://partner.example/callback");

        HttpResponse<String> redirect = spotify.authorize(params);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.location(redirect)).startsWith("https://partner.example/callback?code=");
        assertThat(SpotifyCaller.queryParam(redirect, "state")).isEqualTo("auto");
    }

    @Test
    void autoApproveFromConfigurationAppliesToEveryClient() {
        try (SpotifyEmulator headless =
                SpotifyEmulator.start(EmulatorConfig.defaults().withAutoApproveUser("alan"), 0)) {
            SpotifyCaller caller = new SpotifyCaller(headless.baseUrl());
            HttpResponse<String> redirect = caller.authorize(SpotifyCaller.authorizeParams("x"));
            assertThat(redirect.statusCode()).isEqualTo(302);
            String code = SpotifyCaller.queryParam(redirect, "code");
            String token = SpotifyCaller.json(caller.token(Map.of(
                            "grant_type", "authorization_code", "code", code, "redirect_uri", SpotifyCaller.REDIRECT)))
                    .get("access_token")
                    .asText();
            caller.signed(
                    "register-user", token, SpotifyCaller.payload("00000000000000a1", java.util.List.of("basic")));
            assertThat(headless.link(SpotifyCaller.PARTNER, "00000000000000a1"))
                    .hasValueSatisfying(link -> assertThat(link.spotifyUserId()).isEqualTo("alan"));
        }
    }

    @Test
    void thereIsNoQueryHintToSkipConsent() {
        Map<String, String> params = new java.util.LinkedHashMap<>(SpotifyCaller.authorizeParams("x"));
        params.put("auto_approve", "ada");
        params.put("show_dialog", "false");

        assertThat(spotify.authorize(params).statusCode()).isEqualTo(200);
    }

    @Test
    void postToAuthorizeIsNotAllowed() {
        HttpResponse<String> response = spotify.postForm("/authorize", SpotifyCaller.authorizeParams("s"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
}
