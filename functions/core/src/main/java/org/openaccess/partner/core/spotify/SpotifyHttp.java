package org.openaccess.partner.core.spotify;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client every Spotify call goes through: one per container, timeouts well inside a function's
 * timeout, redirects never followed (a 3xx from Spotify's API is an answer to report, not to chase).
 */
public final class SpotifyHttp {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private SpotifyHttp() {}

    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}
