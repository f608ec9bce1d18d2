package org.openaccess.partner.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerRoute;

/**
 * The addresses the functions build, each in one place: the relative path that (re)starts the linking flow, and
 * a configured URL with one more query parameter.
 */
public final class Addresses {
    /** The start of the linking flow, the Entrypoint URL's path. */
    public static final String LINK_PATH = "/link";

    private Addresses() {}

    /**
     * {@code /link}, with the show the flow started from when there is one: where "try again" and the login's
     * return address lead. Only ever this relative path: {@code showUri} is a validated show URI.
     */
    public static String restartPath(Optional<String> showUri) {
        return LINK_PATH + showQuery(showUri);
    }

    /**
     * The same for the partner a flow is for: {@code /link} for the default partner, {@code /link/<slug>} for a
     * partner of the registry (a validated slug needs no encoding).
     */
    public static String restartPath(PartnerRoute partner, Optional<String> showUri) {
        return partner.linkPath() + showQuery(showUri);
    }

    private static String showQuery(Optional<String> showUri) {
        return showUri.map(uri -> "?spotifyShowUri=" + encode(uri)).orElse("");
    }

    /** {@code url} with {@code name=value} (encoded) added to its query, before any fragment. */
    public static URI withParameter(URI url, String name, String value) {
        String text = url.toString();
        int hash = text.indexOf('#');
        String base = hash < 0 ? text : text.substring(0, hash);
        String fragment = hash < 0 ? "" : text.substring(hash);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return URI.create(base + separator + encode(name) + "=" + encode(value) + fragment);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
