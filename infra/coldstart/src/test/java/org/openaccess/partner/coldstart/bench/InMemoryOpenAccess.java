package org.openaccess.partner.coldstart.bench;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;

/** Spotify's Open Access API in memory, for the unlink benchmark: unlink-user always succeeds and is counted. */
final class InMemoryOpenAccess implements OpenAccessClient {

    private final AtomicInteger unlinkCalls = new AtomicInteger();

    int unlinkCalls() {
        return unlinkCalls.get();
    }

    @Override
    public OpenAccessResult<Void> unlinkUser(String partnerId, String partnerUserId) {
        unlinkCalls.incrementAndGet();
        return new OpenAccessResult.Ok<>(null);
    }

    @Override
    public OpenAccessResult<URI> registerUser(
            String partnerId, String userAccessToken, String partnerUserId, Set<String> entitlements) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public OpenAccessResult<Void> addEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public OpenAccessResult<Void> deleteEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public OpenAccessResult<Set<String>> getEntitlements(String partnerId, String partnerUserId) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public OpenAccessResult<Void> replaceEntitlements(
            String partnerId, String partnerUserId, Set<String> entitlements) {
        throw new UnsupportedOperationException("not unlink's");
    }
}
