package org.openaccess.partner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void defaultsAreTheProjectsLocalValuesAndDerivedSettingsFollowThePorts() {
        Map<String, String> env = LocalSettings.from(Map.of()).environment();

        assertEquals("http://127.0.0.1:3000/callback", env.get("CALLBACK_URL"));
        assertEquals("http://127.0.0.1:3000/demo/login", env.get("PARTNER_LOGIN_URL"));
        assertEquals("http://127.0.0.1:3000/demo/account", env.get("UNLINK_RETURN_URL"));
        assertEquals("http://127.0.0.1:3000", env.get("PARTNER_ORIGINS"));
        assertEquals("127.0.0.1", env.get("ALLOWED_COMPLETION_HOSTS"));
        assertEquals("http://127.0.0.1:8090", env.get("SPOTIFY_ACCOUNTS_URL"));
        assertEquals("http://127.0.0.1:8090/api/v1", env.get("SPOTIFY_OPEN_ACCESS_URL"));
        assertEquals("http://127.0.0.1:8000", env.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals("entitlements-local", env.get("ENTITLEMENTS_TABLE"));
        assertEquals("c0ffee00c0ffee00c0ffee00c0ffee00", env.get("SPOTIFY_CLIENT_ID"));
        assertEquals("LocalDemoPartner000001", env.get("SPOTIFY_PARTNER_ID"));
        assertEquals("true", env.get("LOCAL_EMULATOR"));

        Map<String, String> moved = LocalSettings.from(Map.of("LOCAL_API_PORT", "3100", "EMULATOR_PORT", "9000"))
                .environment();
        assertEquals("http://127.0.0.1:3100/callback", moved.get("CALLBACK_URL"));
        assertEquals("http://127.0.0.1:9000/api/v1", moved.get("SPOTIFY_OPEN_ACCESS_URL"));
    }

    @Test
    void givenSpotifyUrlsMeanNoEmulatorAndTheRealCompletionHost() {
        LocalSettings external = LocalSettings.from(Map.of(
                "SPOTIFY_ACCOUNTS_URL",
                "https://accounts.spotify.com",
                "SPOTIFY_OPEN_ACCESS_URL",
                "https://open-access.spotify.com/api/v1"));
        assertFalse(external.startsEmulator());
        assertEquals("spotify.com", external.text("ALLOWED_COMPLETION_HOSTS"));
        assertEquals("https://content-access.spotify.com", external.text("SPOTIFY_CONTENT_ACCESS_URL"));
        // Resolving the resolved environment again changes nothing (what ./run-local exports, the stack re-reads).
        assertEquals(
                external.environment(),
                LocalSettings.from(external.environment()).environment());
        LocalSettings local = LocalSettings.from(Map.of());
        assertEquals(
                local.environment(), LocalSettings.from(local.environment()).environment());
        assertTrue(LocalSettings.from(local.environment()).startsEmulator());
    }

    @Test
    void aBadPortIsNamed() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> LocalSettings.from(Map.of("LOCAL_API_PORT", "http")));
        assertTrue(error.getMessage().contains("LOCAL_API_PORT must be a number"), error.getMessage());
    }

    @Test
    void thePartnerRegistryIsNamedLikeTheOtherTables() {
        assertEquals(
                "partners-local", LocalSettings.from(Map.of()).environment().get("PARTNERS_TABLE"));
        assertEquals(
                "partners-demo",
                LocalSettings.from(Map.of("LOCAL_TABLE_SUFFIX", "demo"))
                        .environment()
                        .get("PARTNERS_TABLE"));
    }

    @Test
    void mismatchesNameWhatTheJvmEnvironmentLacks() {
        LocalSettings settings = LocalSettings.from(Map.of());
        Map<String, String> partial = new java.util.HashMap<>(settings.environment());
        partial.remove("CALLBACK_URL");
        partial.put("LINKS_TABLE", "other");
        assertEquals(
                List.of("CALLBACK_URL", "LINKS_TABLE"),
                settings.mismatches(partial).stream().sorted().toList());
        assertTrue(settings.mismatches(settings.environment()).isEmpty());
    }

    @Test
    void shellExportsQuoteValuesSafely() {
        String exports =
                LocalSettings.from(Map.of("PARTNER_SESSION_COOKIE", "it's")).asShellExports();
        assertTrue(exports.contains("export PARTNER_SESSION_COOKIE='it'\\''s'\n"), exports);
    }
}
