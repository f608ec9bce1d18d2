package org.openaccess.partner.core.partners;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Port: the partners a membership platform's deployment serves (DynamoDB table PARTNERS_TABLE, key {@code slug},
 * index on {@code partnerId}). Single-item conditional writes only. Creating a partner is two steps around Spotify's
 * create-partner, so that a crash in between never leads to a second partner on Spotify: the intent is recorded
 * first (status CREATING), the partner id after Spotify answered (status ACTIVE).
 */
public interface PartnerRegistry {

    /** Records the intent to create a partner (status CREATING); false when the slug is taken, in any status. */
    boolean recordIntent(PartnerSlug slug, String name, URI entrypointUrl);

    /**
     * Records Spotify's partner id for a CREATING partner, making it ACTIVE. Returns false when there is no CREATING
     * partner with that slug (none at all, or already ACTIVE).
     */
    boolean recordCreated(PartnerSlug slug, String partnerId);

    /** Forgets a CREATING intent (Spotify refused it, nothing was created); false when none is CREATING. */
    boolean clearIntent(PartnerSlug slug);

    Optional<RegisteredPartner> find(PartnerSlug slug);

    /** The ACTIVE partner with Spotify's partner id {@code partnerId}. */
    Optional<RegisteredPartner> findByPartnerId(String partnerId);

    /** Records the logo uploaded for an ACTIVE partner; false when the slug has no ACTIVE partner. */
    boolean recordLogo(PartnerSlug slug, PartnerLogo logo);

    /** One page of partners in no particular order; {@code cursor} is opaque (empty = start). */
    Page list(Optional<String> cursor, int limit);

    record Page(List<RegisteredPartner> partners, Optional<String> nextCursor) {}
}
