package org.openaccess.partner.unlink;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CSRF defence for POST /unlink, on top of the session cookie's SameSite: the browser must say the request
 * comes from one of the partner's own origins ({@code Origin}), or, when it sends no Origin, that it comes
 * from the same origin as this endpoint ({@code Sec-Fetch-Site: same-origin}). A request that says neither is
 * refused: a form on another site cannot forge these headers.
 */
final class PartnerOrigin {
    private final List<URI> partnerOrigins;

    PartnerOrigin(List<String> partnerOrigins) {
        this.partnerOrigins = partnerOrigins.stream().map(URI::create).toList();
    }

    /** {@code headers} with lower-case names, as API Gateway HTTP APIs deliver them. */
    boolean allows(Map<String, String> headers) {
        Optional<String> origin =
                Optional.ofNullable(headers.get("origin")).map(String::trim).filter(o -> !o.isEmpty());
        if (origin.isPresent()) {
            return parse(origin.get())
                    .filter(o -> partnerOrigins.stream().anyMatch(p -> sameOrigin(p, o)))
                    .isPresent();
        }
        return "same-origin"
                .equalsIgnoreCase(headers.getOrDefault("sec-fetch-site", "").trim());
    }

    private static Optional<URI> parse(String origin) {
        try {
            URI uri = new URI(origin);
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException notAnOrigin) {
            return Optional.empty(); // includes the literal "null" of sandboxed and privacy-sensitive contexts
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
