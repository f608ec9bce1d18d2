package org.openaccess.partner.core.linking;

import java.time.Instant;
import java.util.Set;

/**
 * What Spotify was last given for a user, and the moment the set was read from the entitlements table
 * ({@code readAt}): records never move backwards in {@code readAt}.
 */
public record SentEntitlements(Set<String> entitlements, Instant readAt, Instant sentAt) {
    public SentEntitlements {
        entitlements = Set.copyOf(entitlements);
    }
}
