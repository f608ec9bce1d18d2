package org.openaccess.partner.core.partners;

import java.util.Optional;

/**
 * The partner a request of the linking or unlinking flow is for, as its route names it: the default partner
 * (SPOTIFY_PARTNER_ID) on {@code /link} and {@code /unlink}, or an ACTIVE partner of the registry on
 * {@code /link/<slug>} and {@code /unlink/<slug>}. A linking flow's state carries it from the entrypoint to the
 * callback.
 *
 * @param partnerId the Spotify partner id
 * @param slug      the registry's slug, empty for the default partner
 */
public record PartnerRoute(String partnerId, Optional<PartnerSlug> slug) {
    public static final String LINK_PATH = "/link";

    public PartnerRoute {
        if (partnerId == null || partnerId.isEmpty()) {
            throw new IllegalArgumentException("A partner route needs a partner id");
        }
        slug = slug == null ? Optional.empty() : slug;
    }

    /** The default partner's route, {@code /link}. */
    public static PartnerRoute defaultPartner(String partnerId) {
        return new PartnerRoute(partnerId, Optional.empty());
    }

    /** A registry partner's route, {@code /link/<slug>}. */
    public static PartnerRoute registered(String partnerId, PartnerSlug slug) {
        return new PartnerRoute(partnerId, Optional.of(slug));
    }

    /** This partner's Entrypoint path: {@code /link} or {@code /link/<slug>} (a slug needs no encoding). */
    public String linkPath() {
        return LINK_PATH + slug.map(s -> "/" + s.value()).orElse("");
    }
}
