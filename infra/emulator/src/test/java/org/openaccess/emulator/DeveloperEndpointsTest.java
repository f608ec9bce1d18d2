package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class DeveloperEndpointsTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @Test
    void stateCallsPageAndResetShowWhatHappenedAndHoldNoSecrets() {
        String userToken = spotify.userToken("grace");
        spotify.signed("register-user", userToken, SpotifyCaller.payload("00000000000000d1", List.of("premium")));
        String serviceToken = spotify.clientToken("soa-manage-entitlements");

        JsonNode state = SpotifyCaller.json(spotify.get("/_emulator/state"));
        assertThat(state.get("links")).hasSize(1);
        JsonNode link = state.get("links").get(0);
        assertThat(link.get("partnerUserId").asText()).isEqualTo("00000000000000d1");
        assertThat(link.get("spotifyUserId").asText()).isEqualTo("grace");
        assertThat(link.get("entitlements").toString()).isEqualTo("[\"premium\"]");
        assertThat(state.get("partners").get(0).get("id").asText()).isEqualTo(SpotifyCaller.PARTNER);

        HttpResponse<String> calls = spotify.get("/_emulator/calls");
        JsonNode recorded = SpotifyCaller.json(calls).get("calls");
        assertThat(recorded.findValuesAsText("endpoint")).containsExactly("token", "register-user", "token");
        assertThat(recorded.get(1).get("verdict").asText()).isEqualTo("ok (linked)");

        HttpResponse<String> page = spotify.get("/_emulator");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("00000000000000d1").contains("register-user");

        for (String body : List.of(
                calls.body(), page.body(), spotify.get("/_emulator/state").body())) {
            assertThat(body)
                    .doesNotContain(userToken)
                    .doesNotContain(serviceToken)
                    .doesNotContain(SpotifyCaller.SECRET);
        }

        HttpResponse<String> reset = spotify.send(spotify.request("/_emulator/reset")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(SpotifyCaller.json(spotify.get("/_emulator/state")).get("links"))
                .isEmpty();
        assertThat(EMULATOR.emulator().calls()).isEmpty();
    }

    @Test
    void resetKeepsIssuedTokensValid() {
        String token = spotify.clientToken("soa-manage-entitlements");
        EMULATOR.emulator().reset();

        HttpResponse<String> response =
                spotify.signed("get-entitlements", token, SpotifyCaller.payload("00000000000000d2", null));
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void theCallLogKeepsTheLatestTenThousand() {
        EMULATOR.emulator().reset();
        String token = spotify.clientToken("soa-manage-entitlements");
        String body = SpotifyCaller.sign(SpotifyCaller.payload("00000000000000d3", null), SpotifyCaller.SECRET);
        for (int i = 0; i < 10; i++) {
            spotify.openAccess("get-entitlements", token, body);
        }
        assertThat(EMULATOR.emulator().calls()).hasSize(11);
        assertThat(CallLog.CAPACITY).isEqualTo(10_000);
        CallLog log = new CallLog();
        for (int i = 0; i < CallLog.CAPACITY + 5; i++) {
            log.add(new RecordedCall(java.time.Instant.EPOCH, "e" + i, null, null, null, 200, "ok"));
        }
        assertThat(log.snapshot()).hasSize(CallLog.CAPACITY);
        assertThat(log.snapshot().getFirst().endpoint()).isEqualTo("e5");
    }
}
