package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class ContentAccessTest {
    static final String BASIC = "spotify:show:" + EmulatorConfig.BASIC_SHOW_ID;
    static final String PREMIUM = "spotify:show:" + EmulatorConfig.PREMIUM_SHOW_ID;
    static final String EITHER = "spotify:show:" + EmulatorConfig.EITHER_SHOW_ID;
    static final Pattern ITEM = Pattern.compile("<li data-show-uri=\"([^\"]+)\"( class=\"highlighted\")?>");

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    private static String completionPath(String user, String puid, List<String> entitlements) {
        HttpResponse<String> response =
                spotify.signed("register-user", spotify.userToken(user), SpotifyCaller.payload(puid, entitlements));
        return URI.create(SpotifyCaller.json(response).get("completion_url").asText())
                .getPath();
    }

    /** The shows listed in {@code #unlocked-shows}, in order, with "*" marking the highlighted one. */
    private static List<String> listedShows(String page) {
        String list = page.substring(
                page.indexOf("id=\"unlocked-shows\""), page.indexOf("</ul>", page.indexOf("id=\"unlocked-shows\"")));
        Matcher item = ITEM.matcher(list);
        List<String> shows = new java.util.ArrayList<>();
        while (item.find()) {
            shows.add(item.group(2) == null ? item.group(1) : "*" + item.group(1));
        }
        return shows;
    }

    @Test
    void linkRemembersTheShowAndSendsTheUserToThePartnersEntrypoint() {
        HttpResponse<String> response = spotify.get("/link/" + SpotifyCaller.PARTNER + "?spotifyShowUri=" + PREMIUM);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.location(response)).isEqualTo("http://127.0.0.1:3000/link");
        assertThat(response.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .startsWith("spotify_show_uri=" + PREMIUM + ";")
                        .contains("HttpOnly"));
    }

    @Test
    void completionListsTheUnlockedShowsWithTheRememberedOneOnTop() {
        String path = completionPath("ada", "00000000000000c1", List.of("basic", "premium"));

        HttpResponse<String> page = spotify.get(path, "Cookie", "spotify_show_uri=" + EITHER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(listedShows(page.body())).containsExactly("*" + EITHER, BASIC, PREMIUM);
        assertThat(page.body()).contains("Ada Lovelace").contains("Local Demo Partner");
    }

    @Test
    void onlyShowsSharingAnEntitlementAreListed() {
        String path = completionPath("grace", "00000000000000c2", List.of("basic"));

        assertThat(listedShows(spotify.get(path).body())).containsExactly(BASIC, EITHER);
    }

    @Test
    void theCompletionPageFollowsLaterEntitlementChanges() {
        String path = completionPath("alan", "00000000000000c3", List.of("basic"));
        spotify.signed(
                "replace-entitlements",
                spotify.clientToken("soa-manage-entitlements"),
                SpotifyCaller.payload("00000000000000c3", List.of("premium")));

        assertThat(listedShows(spotify.get(path).body())).containsExactly(PREMIUM, EITHER);
    }

    @Test
    void aRememberedShowOutsideTheMembershipIsNamedButNotListed() {
        String path = completionPath("ada", "00000000000000c4", List.of("basic"));

        HttpResponse<String> page = spotify.get(path, "Cookie", "spotify_show_uri=" + PREMIUM);

        assertThat(listedShows(page.body())).containsExactly(BASIC, EITHER);
        assertThat(page.body()).contains("id=\"locked-show\"").contains("Lunar Deep Dives");
    }

    @Test
    void noEntitlementsMeansNoShows() {
        String path = completionPath("ada", "00000000000000c5", List.of());

        HttpResponse<String> page = spotify.get(path);
        assertThat(listedShows(page.body())).isEmpty();
        assertThat(page.body()).contains("id=\"no-shows\"");
    }

    @Test
    void theWholeFlowFromSpotifysButtonToTheCompletionPage() {
        HttpResponse<String> start = spotify.get("/link/" + SpotifyCaller.PARTNER + "?spotifyShowUri=" + PREMIUM);
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String path = completionPath("grace", "00000000000000c6", List.of("premium"));

        assertThat(listedShows(spotify.get(path, "Cookie", cookie).body())).containsExactly("*" + PREMIUM, EITHER);
    }

    @Test
    void badLinkRequestsGetErrorPages() {
        assertErrorPage(spotify.get("/link/NoSuchPartner000000000?spotifyShowUri=" + BASIC), 404, "UNKNOWN_PARTNER");
        assertErrorPage(spotify.get("/link/" + SpotifyCaller.PARTNER), 400, "INVALID_REQUEST");
        assertErrorPage(
                spotify.get("/link/" + SpotifyCaller.PARTNER + "?spotifyShowUri=spotify:episode:abc"),
                400,
                "INVALID_SHOW_URI");
        assertErrorPage(
                spotify.get("/link/" + SpotifyCaller.PARTNER + "?spotifyShowUri=spotify:show:Unknown00000000000000x"),
                404,
                "UNKNOWN_SHOW");
        assertErrorPage(spotify.get("/completion/no-such-page"), 404, "UNKNOWN_COMPLETION");
    }

    private static void assertErrorPage(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("<p id=\"error-code\">" + code + "</p>");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
