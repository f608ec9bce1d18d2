package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.IssuedSecrets.Kind;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** Every secret the emulator issues or receives is handed to tests that scan logs for them, in Java and over HTTP. */
class IssuedSecretsTest {
    static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-abc";
    static final String STATE = "state-Zq3JmV0pX1nK8sT2";

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    @Test
    void aLinkingFlowsCodeTokensVerifierAndStateAreAllRecorded() throws GeneralSecurityException {
        SpotifyCaller spotify = new SpotifyCaller(EMULATOR.baseUrl());
        Map<String, String> authorize = SpotifyCaller.pkceAuthorizeParams(STATE, VERIFIER);
        String code = spotify.code("ada", authorize);
        JsonNode tokens = SpotifyCaller.json(spotify.token(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                SpotifyCaller.REDIRECT,
                "code_verifier",
                VERIFIER)));
        String serviceToken = spotify.clientToken("soa-manage-entitlements");
        EMULATOR.emulator().reset(); // a whole run's scan still needs what came before a reset

        Map<String, Kind> expected = Map.of(
                STATE,
                Kind.STATE,
                code,
                Kind.AUTHORIZATION_CODE,
                VERIFIER,
                Kind.CODE_VERIFIER,
                tokens.get("access_token").asText(),
                Kind.ACCESS_TOKEN,
                tokens.get("refresh_token").asText(),
                Kind.REFRESH_TOKEN,
                serviceToken,
                Kind.ACCESS_TOKEN);
        Map<String, Kind> recorded = new HashMap<>();
        EMULATOR.emulator().issuedSecrets().forEach(s -> recorded.put(s.value(), s.kind()));
        assertThat(recorded).containsAllEntriesOf(expected);

        HttpResponse<String> developer = spotify.get("/_emulator/issued-secrets");
        Map<String, String> overHttp = new HashMap<>();
        SpotifyCaller.json(developer)
                .get("secrets")
                .forEach(
                        s -> overHttp.put(s.get("value").asText(), s.get("kind").asText()));
        assertThat(developer.statusCode()).isEqualTo(200);
        assertThat(overHttp)
                .containsEntry(code, "authorization_code")
                .containsEntry(VERIFIER, "code_verifier")
                .containsEntry(STATE, "state")
                .containsEntry(tokens.get("refresh_token").asText(), "refresh_token")
                .containsEntry(serviceToken, "access_token");
    }

    @Test
    void aSecretsDescriptionNeverShowsItsValue() {
        IssuedSecrets secrets = new IssuedSecrets();
        secrets.add(Kind.STATE, STATE);
        secrets.add(Kind.STATE, " ");

        assertThat(secrets.all()).hasSize(1);
        assertThat(List.of(secrets.all().getFirst().toString())).noneMatch(text -> text.contains(STATE));
    }
}
