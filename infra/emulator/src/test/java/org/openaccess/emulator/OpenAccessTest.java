package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class OpenAccessTest {
    static final String PUID = "0123456789abcdef";

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension(SpotifyCaller.withOtherClient());

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    private static void assertRejected(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo(code);
        assertThat(SpotifyCaller.json(response).path("error").path("message").asText())
                .isNotBlank();
    }

    private static String entitlementsToken() {
        return spotify.clientToken("soa-manage-entitlements");
    }

    private static String link(String user, String puid, List<String> entitlements) {
        HttpResponse<String> response =
                spotify.signed("register-user", spotify.userToken(user), SpotifyCaller.payload(puid, entitlements));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SpotifyCaller.json(response).get("completion_url").asText();
    }

    @Test
    void registerUserLinksAndReturnsACompletionUrlOnTheEmulator() {
        String completion = link("ada", PUID, List.of("basic"));

        assertThat(completion).startsWith(EMULATOR.emulator().baseUrl() + "/completion/");
        assertThat(EMULATOR.emulator().link(SpotifyCaller.PARTNER, PUID)).hasValueSatisfying(l -> {
            assertThat(l.spotifyUserId()).isEqualTo("ada");
            assertThat(l.entitlements()).containsExactly("basic");
        });
        assertThat(spotify.entitlements(PUID)).containsExactly("basic");
    }

    @Test
    void registerUserAgainReplacesTheEntitlements() {
        String token = spotify.userToken("ada");
        spotify.signed("register-user", token, SpotifyCaller.payload(PUID, List.of("basic")));

        HttpResponse<String> again =
                spotify.signed("register-user", token, SpotifyCaller.payload(PUID, List.of("premium")));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(spotify.entitlements(PUID)).containsExactly("premium");
        assertThat(spotify.lastVerdict("register-user")).isEqualTo("ok (entitlements replaced)");
    }

    @Test
    void aSpotifyAccountLinksToOnePartnerUserOnly() {
        link("ada", PUID, List.of("basic"));

        HttpResponse<String> second = spotify.signed(
                "register-user", spotify.userToken("ada"), SpotifyCaller.payload("fedcba9876543210", List.of("basic")));

        assertRejected(second, 409, "already_linked");
        assertThat(EMULATOR.emulator().link(SpotifyCaller.PARTNER, "fedcba9876543210"))
                .isEmpty();
    }

    @Test
    void aPartnerUserLinksToOneSpotifyAccountOnly() {
        link("ada", PUID, List.of("basic"));

        HttpResponse<String> second = spotify.signed(
                "register-user", spotify.userToken("grace"), SpotifyCaller.payload(PUID, List.of("premium")));

        assertRejected(second, 409, "already_linked");
        assertThat(EMULATOR.emulator()
                        .link(SpotifyCaller.PARTNER, PUID)
                        .orElseThrow()
                        .spotifyUserId())
                .isEqualTo("ada");
    }

    @Test
    void theConflictStatusIsConfigurable() {
        try (SpotifyEmulator strict =
                SpotifyEmulator.start(EmulatorConfig.defaults().withConflictStatus(400), 0)) {
            SpotifyCaller caller = new SpotifyCaller(strict.baseUrl());
            caller.signed("register-user", caller.userToken("ada"), SpotifyCaller.payload(PUID, List.of("basic")));

            HttpResponse<String> conflict = caller.signed(
                    "register-user",
                    caller.userToken("ada"),
                    SpotifyCaller.payload("fedcba9876543210", List.of("basic")));
            assertRejected(conflict, 400, "already_linked");
        }
    }

    @Test
    void replaceAddDeleteAndGetChangeAndReadTheEntitlements() {
        link("ada", PUID, List.of("basic"));
        String token = entitlementsToken();

        assertThat(spotify.signed("replace-entitlements", token, SpotifyCaller.payload(PUID, List.of("premium", "x")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(spotify.entitlements(PUID)).containsExactlyInAnyOrder("premium", "x");
        assertThat(spotify.signed("add-entitlements", token, SpotifyCaller.payload(PUID, List.of("basic")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(spotify.signed("delete-entitlements", token, SpotifyCaller.payload(PUID, List.of("x")))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> got = spotify.signed("get-entitlements", token, SpotifyCaller.payload(PUID, null));
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode entitlements = SpotifyCaller.json(got).get("entitlements");
        assertThat(entitlements.toString()).isEqualTo("[\"basic\",\"premium\"]");
    }

    @Test
    void replaceWithAnEmptyListClearsAll() {
        link("ada", PUID, List.of("basic", "premium"));

        HttpResponse<String> response =
                spotify.signed("replace-entitlements", entitlementsToken(), SpotifyCaller.payload(PUID, List.of()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(EMULATOR.emulator()
                        .link(SpotifyCaller.PARTNER, PUID)
                        .orElseThrow()
                        .entitlements())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "get-entitlements",
                "add-entitlements",
                "delete-entitlements",
                "replace-entitlements",
                "unlink-user"
            })
    void anUnknownLinkIsA404(String endpoint) {
        String scope = endpoint.equals("unlink-user") ? "user-soa-unlink" : "soa-manage-entitlements";

        HttpResponse<String> response =
                spotify.signed(endpoint, spotify.clientToken(scope), SpotifyCaller.payload(PUID, List.of("basic")));

        assertRejected(response, 404, "not_linked");
    }

    @Test
    void unlinkRemovesTheLinkAndLaterUpdatesGet404() {
        link("ada", PUID, List.of("basic"));

        assertThat(spotify.signed(
                                "unlink-user",
                                spotify.clientToken("user-soa-unlink"),
                                SpotifyCaller.payload(PUID, null))
                        .statusCode())
                .isEqualTo(200);

        assertThat(EMULATOR.emulator().link(SpotifyCaller.PARTNER, PUID)).isEmpty();
        assertRejected(
                spotify.signed(
                        "replace-entitlements", entitlementsToken(), SpotifyCaller.payload(PUID, List.of("basic"))),
                404,
                "not_linked");
        assertThat(link("grace", PUID, List.of("basic"))).contains("/completion/");
    }

    @Test
    void aUserUnlinkingOnSpotifyIsSilentUntilTheNextUpdate() {
        link("ada", PUID, List.of("basic"));

        assertThat(EMULATOR.emulator().unlinkOnSpotify(SpotifyCaller.PARTNER, PUID))
                .isTrue();

        assertRejected(
                spotify.signed("add-entitlements", entitlementsToken(), SpotifyCaller.payload(PUID, List.of("basic"))),
                404,
                "not_linked");
    }

    // --- the order of checks: 401, 403, 403, 400 (JWS), 400 (fields), 400 (PUID), 404

    @Test
    void aMissingTokenIs401() {
        HttpResponse<String> response = spotify.openAccess(
                "replace-entitlements",
                null,
                SpotifyCaller.sign(SpotifyCaller.payload(PUID, List.of()), SpotifyCaller.SECRET));
        assertRejected(response, 401, "missing_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void aNonBearerAuthorizationIs401() {
        HttpResponse<String> response = spotify.send(spotify.request("/api/v1/get-entitlements")
                .header("Authorization", SpotifyCaller.basic(SpotifyCaller.CLIENT_ID, SpotifyCaller.SECRET))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertRejected(response, 401, "missing_token");
    }

    @Test
    void anUnknownTokenIs401EvenWithAGarbageBody() {
        assertRejected(spotify.openAccess("replace-entitlements", "made-up-token", "garbage"), 401, "invalid_token");
    }

    @Test
    void expiredTokensAre401() {
        String token = entitlementsToken();
        EMULATOR.emulator().expireAccessTokens();

        assertRejected(
                spotify.signed("get-entitlements", token, SpotifyCaller.payload(PUID, null)), 401, "token_expired");
    }

    @Test
    void registerUserNeedsTheUsersToken() {
        HttpResponse<String> response =
                spotify.signed("register-user", entitlementsToken(), SpotifyCaller.payload(PUID, List.of("basic")));
        assertRejected(response, 403, "wrong_grant_type");
    }

    @Test
    void entitlementEndpointsRefuseTheUsersToken() {
        HttpResponse<String> response =
                spotify.signed("get-entitlements", spotify.userToken("ada"), SpotifyCaller.payload(PUID, null));
        assertRejected(response, 403, "wrong_grant_type");
    }

    @Test
    void aTokenWithoutTheScopeIs403() {
        String unlinkOnly = spotify.clientToken("user-soa-unlink");

        assertRejected(
                spotify.signed("replace-entitlements", unlinkOnly, SpotifyCaller.payload(PUID, List.of())),
                403,
                "insufficient_scope");
        assertRejected(
                spotify.signed("unlink-user", entitlementsToken(), SpotifyCaller.payload(PUID, null)),
                403,
                "insufficient_scope");
    }

    @Test
    void aPartnerOfAnotherClientIs403BeforeTheSignatureIsLookedAt() {
        Map<String, Object> payload = SpotifyCaller.payload(PUID, List.of());
        payload.put("partner_id", SpotifyCaller.OTHER_PARTNER);

        assertRejected(
                spotify.openAccess(
                        "replace-entitlements", entitlementsToken(), SpotifyCaller.sign(payload, "not-the-secret")),
                403,
                "partner_not_owned");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "token and secret of the other client, true, 403, partner_not_owned",
        "our token with a body signed by the other client, false, 400, invalid_signature"
    })
    void anotherClientCannotTouchTheLocalPartner(String name, boolean otherToken, int status, String code) {
        link("ada", PUID, List.of("basic"));
        String token = otherToken
                ? spotify.clientToken(SpotifyCaller.OTHER_CLIENT, SpotifyCaller.OTHER_SECRET, "soa-manage-entitlements")
                : entitlementsToken();

        assertRejected(
                spotify.openAccess(
                        "replace-entitlements",
                        token,
                        SpotifyCaller.sign(SpotifyCaller.payload(PUID, List.of()), SpotifyCaller.OTHER_SECRET)),
                status,
                code);
        assertThat(spotify.entitlements(PUID)).containsExactly("basic");
    }

    @Test
    void aSecretDecodedAsHexIsNotTheKey() {
        String hexDecodedKey = new String(
                java.util.HexFormat.of().parseHex(SpotifyCaller.SECRET), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertRejected(
                spotify.openAccess(
                        "get-entitlements",
                        entitlementsToken(),
                        SpotifyCaller.sign(SpotifyCaller.payload(PUID, null), hexDecodedKey)),
                400,
                "invalid_signature");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"alg\":\"none\",\"typ\":\"JWT\"}",
                "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                "{\"alg\":\"RS256\"}",
                "{\"typ\":\"JWT\"}"
            })
    void onlyHs256IsAccepted(String header) throws Exception {
        String payload = SpotifyCaller.JSON.writeValueAsString(SpotifyCaller.payload(PUID, List.of()));

        assertRejected(
                spotify.openAccess(
                        "replace-entitlements",
                        entitlementsToken(),
                        SpotifyCaller.signJson(header, payload, SpotifyCaller.SECRET)),
                400,
                "unsupported_jws_algorithm");
    }

    @Test
    void anUnsignedTokenIsMalformed() throws Exception {
        String payload = SpotifyCaller.JSON.writeValueAsString(SpotifyCaller.payload(PUID, List.of()));
        String signed = SpotifyCaller.signJson("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, SpotifyCaller.SECRET);
        String unsigned = signed.substring(0, signed.lastIndexOf('.') + 1);

        assertRejected(spotify.openAccess("replace-entitlements", entitlementsToken(), unsigned), 400, "malformed_jws");
    }

    @Test
    void aPlainJsonBodyIsNotAJws() {
        assertRejected(
                spotify.openAccess(
                        "replace-entitlements",
                        entitlementsToken(),
                        "{\"partner_id\":\"" + SpotifyCaller.PARTNER + "\"}"),
                400,
                "malformed_jws");
    }

    @Test
    void missingOrMistypedFieldsAre400() {
        String token = entitlementsToken();
        Map<String, Object> noPuid = new LinkedHashMap<>(SpotifyCaller.payload(PUID, List.of()));
        noPuid.remove("partner_user_id");
        assertRejected(spotify.signed("replace-entitlements", token, noPuid), 400, "missing_field");

        Map<String, Object> noPartner = new LinkedHashMap<>(SpotifyCaller.payload(PUID, List.of()));
        noPartner.remove("partner_id");
        assertRejected(spotify.signed("replace-entitlements", token, noPartner), 400, "missing_field");

        assertRejected(
                spotify.signed("replace-entitlements", token, SpotifyCaller.payload(PUID, null)), 400, "missing_field");

        Map<String, Object> stringEntitlements = new LinkedHashMap<>(SpotifyCaller.payload(PUID, null));
        stringEntitlements.put("entitlements", "basic");
        assertRejected(spotify.signed("replace-entitlements", token, stringEntitlements), 400, "invalid_field");

        Map<String, Object> numbers = new LinkedHashMap<>(SpotifyCaller.payload(PUID, null));
        numbers.put("entitlements", List.of(1, 2));
        assertRejected(spotify.signed("replace-entitlements", token, numbers), 400, "invalid_field");

        Map<String, Object> numericPuid = new LinkedHashMap<>(SpotifyCaller.payload(PUID, List.of()));
        numericPuid.put("partner_user_id", 1234567890123456789L);
        assertRejected(spotify.signed("replace-entitlements", token, numericPuid), 400, "invalid_field");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0123456789ABCDEF",
                "0123456789abcde",
                "63e6d54b-993a-447f-a1e8-1d25dd5f09ac",
                "user@example.com",
                "0123456789abcdeg"
            })
    void partnerUserIdsMustBe16To128LowercaseHex(String puid) {
        assertRejected(
                spotify.signed("replace-entitlements", entitlementsToken(), SpotifyCaller.payload(puid, List.of())),
                400,
                "invalid_partner_user_id");
    }

    @Test
    void a128CharacterPartnerUserIdIsFine() {
        String puid = "a".repeat(128);
        link("ada", puid, List.of("basic"));

        assertRejected(
                spotify.signed(
                        "replace-entitlements", entitlementsToken(), SpotifyCaller.payload(puid + "a", List.of())),
                400,
                "invalid_partner_user_id");
        assertThat(spotify.entitlements(puid)).containsExactly("basic");
    }

    @Test
    void anyContentTypeIsAcceptedForTheJws() {
        link("ada", PUID, List.of("basic"));
        String body = SpotifyCaller.sign(SpotifyCaller.payload(PUID, List.of("premium")), SpotifyCaller.SECRET);
        String token = entitlementsToken();

        for (String type : List.of("application/jwt", "text/plain", "application/x-www-form-urlencoded", "jwt")) {
            HttpResponse<String> response = spotify.send(spotify.request("/api/v1/replace-entitlements")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body + "\n"))
                    .build());
            assertThat(response.statusCode()).as(type).isEqualTo(200);
        }
    }

    @Test
    void everyCallIsRecordedWithItsVerdict() {
        link("ada", PUID, List.of("basic"));
        String token = entitlementsToken();
        spotify.signed("replace-entitlements", token, SpotifyCaller.payload(PUID, List.of("premium")));
        spotify.signed("replace-entitlements", token, SpotifyCaller.payload("ffffffffffffffff", List.of()));

        List<RecordedCall> calls = EMULATOR.emulator().calls("replace-entitlements");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0))
                .extracting(
                        RecordedCall::clientId,
                        RecordedCall::partnerId,
                        RecordedCall::partnerUserId,
                        RecordedCall::status,
                        RecordedCall::verdict)
                .containsExactly(SpotifyCaller.CLIENT_ID, SpotifyCaller.PARTNER, PUID, 200, "ok");
        assertThat(calls.get(1).status()).isEqualTo(404);
        assertThat(calls.get(1).verdict()).startsWith("not_linked: ");
        assertThat(EMULATOR.emulator().calls().stream().map(RecordedCall::endpoint))
                .contains("token", "register-user", "replace-entitlements");
    }
}
