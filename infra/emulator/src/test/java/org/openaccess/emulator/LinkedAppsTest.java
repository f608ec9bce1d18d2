package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * A listener unlinks on Spotify's side (changelog 1.6.0) at /account/apps: afterwards the partner's calls for that
 * user answer 404 like any unlinked user, and the partner is told nothing.
 */
class LinkedAppsTest {
    private static final String PUID = "00000000000000a1";

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @Test
    void aSignedInUserSeesTheirLinkedPartnerAndRemovesIt() {
        link("grace", PUID, List.of("premium"));
        String session = signIn("grace");

        HttpResponse<String> page = spotify.get("/account/apps", "Cookie", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"signed-in-as\">Grace Hopper<")
                .contains("data-partner-id=\"" + SpotifyCaller.PARTNER + "\"")
                .contains("Local Demo Partner")
                .contains("id=\"unlink-" + SpotifyCaller.PARTNER + "\"");

        HttpResponse<String> unlinked =
                spotify.postForm("/account/apps/unlink", Map.of("partner", SpotifyCaller.PARTNER), "Cookie", session);
        assertThat(unlinked.statusCode()).isEqualTo(303);
        assertThat(SpotifyCaller.location(unlinked)).isEqualTo("/account/apps");
        assertThat(spotify.get("/account/apps", "Cookie", session).body()).contains("id=\"no-linked-apps\"");

        String token = spotify.clientToken("soa-manage-entitlements");
        for (String endpoint : List.of("get-entitlements", "replace-entitlements")) {
            HttpResponse<String> answer =
                    spotify.signed(endpoint, token, SpotifyCaller.payload(PUID, List.of("basic")));
            assertThat(answer.statusCode()).as(endpoint).isEqualTo(404);
            assertThat(SpotifyCaller.errorCode(answer)).as(endpoint).isEqualTo("not_linked");
        }
        assertThat(EMULATOR.emulator().calls("apps-unlink"))
                .singleElement()
                .satisfies(call -> assertThat(call.partnerUserId()).isEqualTo(PUID));
    }

    @Test
    void anotherUsersLinksAreNotShownAndCannotBeRemoved() {
        link("ada", PUID, List.of("basic"));
        String session = signIn("alan");

        assertThat(spotify.get("/account/apps", "Cookie", session).body()).contains("id=\"no-linked-apps\"");
        HttpResponse<String> refused =
                spotify.postForm("/account/apps/unlink", Map.of("partner", SpotifyCaller.PARTNER), "Cookie", session);
        assertRefusedAndStillLinked(refused, 404, "NOT_LINKED");
    }

    @Test
    void withoutASessionThePageAsksToSignInAndUnlinkIsRefused() {
        link("ada", PUID, List.of("basic"));

        assertThat(spotify.get("/account/apps").body()).contains("id=\"sign-in\"");
        HttpResponse<String> refused =
                spotify.postForm("/account/apps/unlink", Map.of("partner", SpotifyCaller.PARTNER));
        assertRefusedAndStillLinked(refused, 401, "NOT_SIGNED_IN");
    }

    @Test
    void aFormFromAnotherOriginIsRefused() {
        link("ada", PUID, List.of("basic"));
        String session = signIn("ada");

        HttpResponse<String> refused = spotify.postForm(
                "/account/apps/unlink",
                Map.of("partner", SpotifyCaller.PARTNER),
                "Cookie",
                session,
                "Origin",
                "http://evil.example");
        assertRefusedAndStillLinked(refused, 403, "CROSS_ORIGIN");
    }

    @Test
    void signingInAsAnUnknownUserIsRefused() {
        HttpResponse<String> refused = spotify.postForm("/account/apps/sign-in", Map.of("user", "mallory"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorCode(refused)).isEqualTo("INVALID_USER");
    }

    private String signIn(String user) {
        HttpResponse<String> signedIn = spotify.postForm("/account/apps/sign-in", Map.of("user", user));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        return cookie.split(";")[0];
    }

    private void link(String user, String puid, List<String> entitlements) {
        HttpResponse<String> response =
                spotify.signed("register-user", spotify.userToken(user), SpotifyCaller.payload(puid, entitlements));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void assertRefusedAndStillLinked(HttpResponse<String> refused, int status, String code) {
        assertThat(refused.statusCode()).isEqualTo(status);
        assertThat(errorCode(refused)).isEqualTo(code);
        assertThat(EMULATOR.emulator().link(SpotifyCaller.PARTNER, PUID)).isPresent();
    }

    /** The code on an emulator HTML error page. */
    private static String errorCode(HttpResponse<String> page) {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("<p id=\"error-code\">([^<]*)</p>")
                .matcher(page.body());
        assertThat(code.find()).as(page.body()).isTrue();
        return code.group(1);
    }
}
