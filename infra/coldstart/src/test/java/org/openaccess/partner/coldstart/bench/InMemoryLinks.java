package org.openaccess.partner.coldstart.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.linking.SentEntitlements;

/**
 * The links store in memory, for the unlink benchmark: every listener is linked (so every request takes the
 * full path: find, Spotify's unlink-user, record UNLINKED), and unlinks are counted, not kept. The other
 * functions' operations are refused, so a benchmark cannot silently take another path.
 */
final class InMemoryLinks implements LinkStore {

    private final AtomicInteger unlinked = new AtomicInteger();

    int unlinked() {
        return unlinked.get();
    }

    @Override
    public Optional<Link> find(String userId) {
        return Optional.of(new Link(
                userId, "puid-" + userId, LinkStatus.LINKED, Instant.EPOCH, Optional.empty(), Optional.empty()));
    }

    @Override
    public void recordUnlinked(String userId, Instant at) {
        unlinked.incrementAndGet();
    }

    @Override
    public void recordLinked(String userId, String partnerUserId, SentEntitlements sent) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public boolean recordSent(String userId, SentEntitlements sent) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public boolean tryLease(String userId, String holder, Duration length, Instant now) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public void releaseLease(String userId, String holder) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public Page linkedUsers(Optional<String> cursor, int limit) {
        throw new UnsupportedOperationException("not unlink's");
    }
}
