package org.openaccess.partner.core.linking;

import java.time.Instant;
import java.util.Optional;

/** A partner user's link to Spotify (table LINKS_TABLE, key {@code userId}). */
public record Link(
        String userId,
        String partnerUserId,
        LinkStatus status,
        Instant linkedAt,
        Optional<Instant> unlinkedAt,
        Optional<SentEntitlements> lastSent) {
    public boolean isLinked() {
        return status == LinkStatus.LINKED;
    }
}
