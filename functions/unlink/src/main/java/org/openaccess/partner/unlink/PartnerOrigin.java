package org.openaccess.partner.unlink;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openaccess.partner.core.config.Settings;

/**
 * CSRF defence for POST /unlink, on top of the session cookie's SameSite: the browser must say the request
 * comes from one of the partner's own origins ({@code Origin}), or, when it sends no Origin, that it comes
 * from the same origin as this endpoint ({@code Sec-Fetch-Site: same-origin}). A request that says neither is
 * refused: a form on another site cannot forge these headers.
 * <p>
 * The Origin is compared exactly, as browsers serialize it (RFC 6454: lower-case scheme and host, the port only
 * when it is not the scheme's default, no path, no user info), with the configured origins: a user-info prefix,
 * a path, a trailing slash, an upper-case scheme, {@code null} or a default port written out (unless configured
 * that way) is not a partner origin.
 */
@Singleton
final class PartnerOrigin {
    private final Set<String> partnerOrigins;

    /** The deployment's PARTNER_ORIGINS, read once per container. */
    @Inject
    PartnerOrigin(Settings settings) {
        this(settings.partnerOrigins());
    }

    PartnerOrigin(List<String> partnerOrigins) {
        // Configured by hand: the same origin in upper case is still that origin.
        this.partnerOrigins = Set.copyOf(partnerOrigins.stream()
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .toList());
    }

    /** {@code headers} with lower-case names, as API Gateway HTTP APIs deliver them. */
    boolean allows(Map<String, String> headers) {
        Optional<String> origin =
                Optional.ofNullable(headers.get("origin")).map(String::trim).filter(o -> !o.isEmpty());
        if (origin.isPresent()) {
            return partnerOrigins.contains(origin.get());
        }
        return "same-origin"
                .equalsIgnoreCase(headers.getOrDefault("sec-fetch-site", "").trim());
    }
}
