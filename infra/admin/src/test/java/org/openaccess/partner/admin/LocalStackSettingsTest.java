package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.testkit.RepoRoot;

class LocalStackSettingsTest {

    /**
     * ./admin --local must reach what ./run-local runs: its defaults are infra/local's. Read from that class's source,
     * because depending on infra/local would build every function for ./admin.
     */
    @Test
    void theDefaultsAreThoseOfTheLocalStack() throws IOException {
        Path source =
                RepoRoot.path().resolve("infra/local/src/main/java/org/openaccess/partner/local/LocalSettings.java");
        Matcher put = Pattern.compile("defaults\\.put\\(\"([A-Z_]+)\", \"([^\"]*)\"\\)")
                .matcher(Files.readString(source));
        Map<String, String> localStack = new HashMap<>();
        while (put.find()) {
            localStack.put(put.group(1), put.group(2));
        }
        assertTrue(localStack.size() > 5, "LocalSettings' defaults were not found in " + source);
        LocalStackSettings.DEFAULTS.forEach(
                (name, value) -> assertEquals(localStack.get(name), value, name + " differs from ./run-local's"));
    }

    @Test
    void derivesTheEndpointsAsTheLocalStackDoes() {
        LocalStackSettings settings =
                LocalStackSettings.from(Map.of("LOCAL_DYNAMODB_PORT", "8100", "EMULATOR_PORT", "9090"));
        assertEquals("http://127.0.0.1:8100", settings.text("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals("http://127.0.0.1:9090", settings.text("SPOTIFY_ACCOUNTS_URL"));
        assertEquals("http://127.0.0.1:9090/api/v1", settings.text("SPOTIFY_OPEN_ACCESS_URL"));
        assertEquals("partners-local", settings.text("PARTNERS_TABLE"));
        assertEquals("http://127.0.0.1:3000", settings.text("PUBLIC_BASE_URL"));
    }

    @Test
    void anotherSpotifyNeedsBothOfItsUrls() {
        LocalStackSettings one =
                LocalStackSettings.from(Map.of("SPOTIFY_ACCOUNTS_URL", "https://accounts.spotify.com"));
        assertEquals("http://127.0.0.1:8090", one.text("SPOTIFY_ACCOUNTS_URL"));
        LocalStackSettings both = LocalStackSettings.from(Map.of(
                "SPOTIFY_ACCOUNTS_URL",
                "https://accounts.spotify.com",
                "SPOTIFY_OPEN_ACCESS_URL",
                "https://open-access.spotify.com/api/v1"));
        assertEquals("https://accounts.spotify.com", both.text("SPOTIFY_ACCOUNTS_URL"));
        assertEquals("https://open-access.spotify.com/api/v1", both.text("SPOTIFY_OPEN_ACCESS_URL"));
    }

    @Test
    void aBadPortIsNamed() {
        AdminFailure failure = org.junit.jupiter.api.Assertions.assertThrows(
                AdminFailure.class, () -> LocalStackSettings.from(Map.of("LOCAL_DYNAMODB_PORT", "eighty")));
        assertEquals(ExitCodes.USAGE, failure.exitCode());
        assertEquals("LOCAL_DYNAMODB_PORT must be a number from 1 to 65535, not 'eighty'", failure.getMessage());
    }
}
