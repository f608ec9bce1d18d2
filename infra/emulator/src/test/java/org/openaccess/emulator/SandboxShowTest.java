package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** Sandbox mode (changelog 1.5.0): a sandbox show is listed on a completion page only after its own link. */
class SandboxShowTest {
    static final String SANDBOX_ID = "LunarSandboxShow000004";
    static final String SANDBOX = "spotify:show:" + SANDBOX_ID;
    static final String BASIC = "spotify:show:" + EmulatorConfig.BASIC_SHOW_ID;
    static final String EITHER = "spotify:show:" + EmulatorConfig.EITHER_SHOW_ID;

    @RegisterExtension
    static final SpotifyEmulatorExtension emulator = new SpotifyEmulatorExtension(
            EmulatorConfig.defaults().withShow(new Show(SANDBOX_ID, "Lunar Pilot (sandbox)", List.of("basic"), true)));

    private SpotifyCaller spotify;

    @BeforeEach
    void caller() {
        spotify = new SpotifyCaller(emulator.baseUrl());
    }

    @Test
    void aSandboxShowIsNotListedWhenTheFlowStartedElsewhere() {
        String path = completionPath("ada", "00000000000000b1");

        assertThat(listedShows(spotify.get(path).body())).containsExactly(BASIC, EITHER);
        assertThat(listedShows(
                        spotify.get(path, "Cookie", "spotify_show_uri=" + BASIC).body()))
                .containsExactly("*" + BASIC, EITHER);
    }

    @Test
    void aSandboxShowIsListedOnTopWhenTheFlowStartedFromItsOwnLink() {
        HttpResponse<String> start = spotify.get("/link/" + SpotifyCaller.PARTNER + "?spotifyShowUri=" + SANDBOX);
        assertThat(start.statusCode()).isEqualTo(302);
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String path = completionPath("grace", "00000000000000b2");

        assertThat(listedShows(spotify.get(path, "Cookie", cookie).body()))
                .containsExactly("*" + SANDBOX, BASIC, EITHER);
    }

    @Test
    void theCatalogueFileMarksASandboxShow() {
        EmulatorConfig config = EmulatorConfig.parse("""
                {"shows": [{"id": "%s", "title": "Pilot", "entitlements": ["basic"], "sandbox": true},
                           {"id": "%s", "title": "Open", "entitlements": ["basic"]}]}
                """.formatted(SANDBOX_ID, EmulatorConfig.BASIC_SHOW_ID));

        assertThat(config.shows()).extracting(Show::sandbox).containsExactly(true, false);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                                ConfigException.class, () -> EmulatorConfig.parse("""
                                {"shows": [{"id": "%s", "title": "Pilot", "entitlements": ["basic"], "sandbox": "yes"}]}
                                """.formatted(SANDBOX_ID)))
                        .getMessage())
                .contains("shows[0].sandbox");
    }

    private String completionPath(String user, String puid) {
        HttpResponse<String> response =
                spotify.signed("register-user", spotify.userToken(user), SpotifyCaller.payload(puid, List.of("basic")));
        return URI.create(SpotifyCaller.json(response).get("completion_url").asText())
                .getPath();
    }

    private static List<String> listedShows(String page) {
        String list = page.substring(
                page.indexOf("id=\"unlocked-shows\""), page.indexOf("</ul>", page.indexOf("id=\"unlocked-shows\"")));
        Matcher item = ContentAccessTest.ITEM.matcher(list);
        List<String> shows = new ArrayList<>();
        while (item.find()) {
            shows.add(item.group(2) == null ? item.group(1) : "*" + item.group(1));
        }
        return shows;
    }
}
