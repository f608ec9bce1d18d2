package org.openaccess.partner.core.entitlements;

import java.time.Clock;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.spotify.OpenAccessClient;

/**
 * Brings Spotify's copy of one user's entitlements up to the partner's current set. Used by the push
 * function, the reconciler and the callback (to close the race with a concurrent change).
 */
public final class EntitlementSync {
    private final EntitlementStore entitlements;
    private final LinkStore links;
    private final OpenAccessClient openAccess;
    private final Clock clock;

    public EntitlementSync(EntitlementStore entitlements, LinkStore links, OpenAccessClient openAccess, Clock clock) {
        this.entitlements = entitlements;
        this.links = links;
        this.openAccess = openAccess;
        this.clock = clock;
    }

    /** Skips users not LINKED and sets equal to the last sent; otherwise sends the current set and records it. */
    public SyncOutcome sync(String userId) {
        throw new UnsupportedOperationException("not built yet");
    }
}
