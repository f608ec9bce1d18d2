package org.openaccess.emulator;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Spotify's rule for URLs a user's browser is sent to: https, or plain http only on a loopback
 * IP literal with a port. {@code localhost} is refused, as Spotify does.
 */
public final class RedirectUriRule {
    private RedirectUriRule() {}

    /** Why the URI is not acceptable, or {@code null} when it is. */
    public static String problemWith(String uri) {
        if (uri == null || uri.isBlank()) {
            return "is required";
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "is not a valid URI: '" + uri + "'";
        }
        if (!parsed.isAbsolute() || parsed.getHost() == null) {
            return "must be an absolute URL with a host: '" + uri + "'";
        }
        if (parsed.getFragment() != null) {
            return "must not have a fragment: '" + uri + "'";
        }
        String host = parsed.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return "'localhost' is refused; use http://127.0.0.1:PORT or http://[::1]:PORT";
        }
        if (parsed.getScheme().equals("https")) {
            return null;
        }
        if (parsed.getScheme().equals("http")) {
            boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]");
            if (!loopback) {
                return "plain http is only allowed for http://127.0.0.1:PORT or http://[::1]:PORT: '" + uri + "'";
            }
            return parsed.getPort() == -1 ? "a loopback URL needs an explicit port: '" + uri + "'" : null;
        }
        return "must use https (or http on a loopback address): '" + uri + "'";
    }
}
