package org.openaccess.partner.web;

import jakarta.inject.Singleton;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * Which partner a request is for: the default partner (SPOTIFY_PARTNER_ID) on the routes without a slug, or the
 * ACTIVE partner of the registry that {@code /link/<slug>} and {@code /unlink/<slug>} name. The registry is read
 * only for a slug (one GetItem), so a function serving only the default partner never touches it.
 */
@Singleton
public class ActivePartners {
    private final CoreWiring wiring;

    public ActivePartners(CoreWiring wiring) {
        this.wiring = wiring;
    }

    public PartnerRoute defaultPartner() {
        return PartnerRoute.defaultPartner(wiring.settings().partnerId());
    }

    /**
     * The ACTIVE partner with this slug. A malformed slug, one the registry does not have, and one still CREATING
     * (Spotify may not know it yet) are all {@link Failures#unknownPartner()}; a registry that does not answer is a
     * storage failure (503) like any other.
     */
    public PartnerRoute bySlug(String slugText) {
        if (PartnerSlug.problem(slugText).isPresent()) {
            throw new FailureException(Failures.unknownPartner());
        }
        PartnerSlug slug = new PartnerSlug(slugText);
        return wiring.partners()
                .find(slug)
                .filter(RegisteredPartner::isActive)
                .flatMap(RegisteredPartner::partnerId)
                .map(partnerId -> PartnerRoute.registered(partnerId, slug))
                .orElseThrow(() -> new FailureException(Failures.unknownPartner()));
    }
}
