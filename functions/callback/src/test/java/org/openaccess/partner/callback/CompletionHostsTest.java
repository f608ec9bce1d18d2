package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Step 9: only Spotify's own completion page is followed. */
class CompletionHostsTest {
    private final CompletionHosts hosts = new CompletionHosts(List.of("spotify.com", "127.0.0.1"));

    @ParameterizedTest
    @CsvSource({
        "https://spotify.com/done, true",
        "https://content-access.spotify.com/completion/abc, true",
        "https://open.SPOTIFY.com/x, true",
        "http://127.0.0.1:4000/completion/abc, true",
        "https://evilspotify.com/x, false",
        "https://spotify.com.evil.example/x, false",
        "http://spotify.com/x, false",
        "https://spotify.com@evil.example/x, false",
        "javascript:alert(1), false",
        "/relative/path, false",
        "ftp://spotify.com/x, false",
    })
    void followsOnlyHttpsSpotifyOrAListedLoopback(String url, boolean allowed) {
        assertEquals(allowed, hosts.allows(URI.create(url)), url);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:4000/completion/abc", "http://[::1]:4000/x"})
    void loopbackOverHttpOnlyWhenListed(String url) {
        assertEquals(false, new CompletionHosts(List.of("spotify.com")).allows(URI.create(url)));
    }
}
