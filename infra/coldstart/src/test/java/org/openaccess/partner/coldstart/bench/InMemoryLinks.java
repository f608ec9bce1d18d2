package org.openaccess.partner.coldstart.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.core.identity.Membership;
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
    public Optional<Link> find(Membership membership) {
        return Optional.of(new Link(
                membership,
                "puid-" + membership.userId(),
                LinkStatus.LINKED,
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty()));
    }

    @Override
    public void recordUnlinked(Membership membership, Instant at) {
        unlinked.incrementAndGet();
    }

    @Override
    public void recordLinked(Membership membership, String partnerUserId, SentEntitlements sent) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public boolean recordSent(Membership membership, SentEntitlements sent) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public boolean tryLease(Membership membership, String holder, Duration length, Instant now) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public void releaseLease(Membership membership, String holder) {
        throw new UnsupportedOperationException("not unlink's");
    }

    @Override
    public Page linkedUsers(Optional<String> cursor, int limit) {
        throw new UnsupportedOperationException("not unlink's");
    }
}
