package org.openaccess.partner.core.partners;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One partner of the registry.
 *
 * @param partnerId   Spotify's id for it, once create-partner answered and the answer was recorded
 * @param createdAt   when the operator's intent to create it was recorded
 * @param activatedAt when its partner id was recorded
 */
public record RegisteredPartner(
        PartnerSlug slug,
        String name,
        URI entrypointUrl,
        PartnerStatus status,
        Optional<String> partnerId,
        Instant createdAt,
        Optional<Instant> activatedAt,
        Optional<PartnerLogo> logo) {

    public boolean isActive() {
        return status == PartnerStatus.ACTIVE;
    }
}
