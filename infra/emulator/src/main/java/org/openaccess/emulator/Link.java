package org.openaccess.emulator;

import java.time.Instant;
import java.util.Set;

/** A Spotify account linked to a partner's user (PUID), with the entitlements Spotify holds for it. */
public record Link(
        String partnerId, String partnerUserId, String spotifyUserId, Set<String> entitlements, Instant linkedAt) {
    public Link {
        entitlements = Set.copyOf(entitlements);
    }
}
