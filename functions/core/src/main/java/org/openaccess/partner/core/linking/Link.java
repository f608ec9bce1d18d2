package org.openaccess.partner.core.linking;

import java.time.Instant;
import java.util.Optional;
import org.openaccess.partner.core.identity.Membership;

/** A membership's link to Spotify (table LINKS_TABLE, key {@code userId} + {@code partnerId}). */
public record Link(
        Membership membership,
        String partnerUserId,
        LinkStatus status,
        Instant linkedAt,
        Optional<Instant> unlinkedAt,
        Optional<SentEntitlements> lastSent) {
    public boolean isLinked() {
        return status == LinkStatus.LINKED;
    }

    public String userId() {
        return membership.userId();
    }

    public String partnerId() {
        return membership.partnerId();
    }
}
