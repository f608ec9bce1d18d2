package org.openaccess.partner.callback;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openaccess.partner.core.config.Settings;

/**
 * Step 12's guard: the listener is only ever sent on to Spotify's own completion page. A URL passes when it is
 * https on an allowed host or one of its subdomains; plain http passes only for a loopback host that is listed
 * itself (the local stack's emulator). No user info, no other scheme.
 */
@Singleton
public final class CompletionHosts {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

    private final List<String> allowed;

    /** The deployment's ALLOWED_COMPLETION_HOSTS, read once per container. */
    @Inject
    public CompletionHosts(Settings settings) {
        this(settings.allowedCompletionHosts());
    }

    public CompletionHosts(List<String> allowed) {
        this.allowed =
                allowed.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean allows(URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null) {
            return false;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return allowed.stream().anyMatch(entry -> host.equals(entry) || host.endsWith("." + entry));
        }
        return scheme.equals("http") && LOOPBACK.contains(host) && allowed.contains(host);
    }
}
