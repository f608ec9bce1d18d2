package org.openaccess.partner.core.entitlements;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;

/**
 * Brings Spotify's copy of one membership's entitlements (one user at one partner id) up to the partner's current
 * set, sending it to that partner id only. Used by the push
 * function, the reconciler and the callback (to close the race with a concurrent change).
 *
 * <p>Every sync sends the <em>current</em> set (re-read, strongly consistent), never the set carried by
 * whatever triggered it, so duplicates, retries and out-of-order triggers all converge on the same
 * answer. A per-membership lease keeps two senders from overtaking each other on the wire; what was sent is
 * recorded with a condition that never moves backwards.
 *
 * @param random lease holders and backoff jitter; CoreWiring's is seeded on first use, after any SnapStart restore
 */
public record EntitlementSync(
        EntitlementStore entitlements, LinkStore links, OpenAccessClient openAccess, Clock clock, SecureRandom random) {
    /** Far longer than one replace-entitlements call with its timeouts; expires on its own if we die. */
    static final Duration LEASE_LENGTH = Duration.ofSeconds(30);
    /**
     * Recorded as "last sent" after a failed send whose effect on Spotify is unknown. No partner entitlement
     * can equal it (it starts with NUL), so the next sync always sends.
     */
    static final String UNKNOWN_TO_SPOTIFY = "\u0000unknown-after-failed-send";
    /** Sends within one lease when a newer read was recorded meanwhile; more means something is wrong. */
    static final int MAX_ROUNDS = 3;

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Skips users not LINKED and sets equal to the last sent; otherwise sends the current set and records it. */
    public SyncOutcome sync(Membership membership) {
        // Users who never linked are settled by one read, without a lease item written for them.
        if (links.find(membership).filter(Link::isLinked).isEmpty()) {
            return new SyncOutcome.NotLinked();
        }
        String holder = newLeaseHolder();
        if (!links.tryLease(membership, holder, LEASE_LENGTH, clock.instant())) {
            return new SyncOutcome.Retry(Optional.empty(), "lease held by another sender");
        }
        try {
            return syncUnderLease(membership);
        } finally {
            links.releaseLease(membership, holder);
        }
    }

    /**
     * The reconciler's check of one user: two reads and no write when the current set equals the last sent
     * (the common case), otherwise {@link #syncUntil}. Skipping the lease here can only miss a change that a
     * sender is pushing right now, and that change has a stream record of its own, pushed under the lease.
     */
    public SyncOutcome repairUntil(Membership membership, Instant deadline) {
        Optional<Link> link = links.find(membership).filter(Link::isLinked);
        if (link.isEmpty()) {
            return new SyncOutcome.NotLinked();
        }
        if (alreadySent(link.get(), entitlements.current(membership))) {
            return new SyncOutcome.Unchanged();
        }
        return syncUntil(membership, deadline);
    }

    /**
     * Like {@link #sync}, but retries {@link SyncOutcome.Retry} with exponential backoff and full jitter,
     * waiting at least Spotify's Retry-After, as long as the next attempt would start before {@code deadline}.
     * Returns the last outcome: a Retry only when time ran out.
     */
    public SyncOutcome syncUntil(Membership membership, Instant deadline) {
        return untilDeadline(() -> sync(membership), deadline);
    }

    /**
     * The reconciler's check that a LINKED link still exists on Spotify's side: listeners can unlink there, and
     * Spotify does not tell the partner. One get-entitlements, retried as in {@link #syncUntil}. A 404 records the
     * link UNLINKED ({@link SyncOutcome.UnlinkedBySpotify}); {@link SyncOutcome.Unchanged} = Spotify still has it.
     */
    public SyncOutcome verifyUntil(Membership membership, Instant deadline) {
        return untilDeadline(() -> verify(membership), deadline);
    }

    private SyncOutcome untilDeadline(Supplier<SyncOutcome> attempt, Instant deadline) {
        for (int round = 0; ; round++) {
            SyncOutcome outcome = attempt.get();
            if (!(outcome instanceof SyncOutcome.Retry retry)) {
                return outcome;
            }
            Duration wait = backoff(round, retry.after());
            if (clock.instant().plus(wait).isAfter(deadline) || !pause(wait)) {
                return outcome;
            }
        }
    }

    private SyncOutcome verify(Membership membership) {
        Optional<Link> link = links.find(membership).filter(Link::isLinked);
        if (link.isEmpty()) {
            return new SyncOutcome.NotLinked();
        }
        return switch (openAccess.getEntitlements(
                membership.partnerId(), link.get().partnerUserId())) {
            case OpenAccessResult.Ok<Set<String>> ok -> new SyncOutcome.Unchanged();
            case OpenAccessResult.NotLinked<Set<String>> gone -> recordGone(membership, link.get());
            case OpenAccessResult.Retryable<Set<String>> retry ->
                new SyncOutcome.Retry(retry.retryAfter(), describe(retry.status(), retry.reason()));
            case OpenAccessResult.Rejected<Set<String>> rejected ->
                new SyncOutcome.Rejected(rejected.status(), rejected.reason());
            case OpenAccessResult.Conflict<Set<String>> conflict ->
                new SyncOutcome.Rejected(conflict.status(), "conflict from get-entitlements");
        };
    }

    /** Spotify no longer has the link we read: record it, unless the user linked again (or unlinked) meanwhile. */
    private SyncOutcome recordGone(Membership membership, Link seen) {
        Optional<Link> now = links.find(membership).filter(Link::isLinked);
        if (now.isEmpty()) {
            return new SyncOutcome.NotLinked();
        }
        if (!now.get().linkedAt().equals(seen.linkedAt())) {
            return new SyncOutcome.Unchanged(); // a new link from the callback, made after our read
        }
        links.recordUnlinked(membership, clock.instant());
        return new SyncOutcome.UnlinkedBySpotify();
    }

    /** Full jitter (uniform in [0, min(max, first * 2^attempt)]) so that many senders spread out, never below Retry-After. */
    Duration backoff(int attempt, Optional<Duration> retryAfter) {
        long ceiling = FIRST_BACKOFF.toMillis() << Math.min(attempt, 16);
        long jittered = random.nextLong(Math.min(ceiling, MAX_BACKOFF.toMillis()) + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter.filter(after -> after.compareTo(wait) > 0).orElse(wait);
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SyncOutcome syncUnderLease(Membership membership) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            // Re-read under the lease: another sender may have recorded a newer send (or an unlink) meanwhile.
            Optional<Link> link = links.find(membership).filter(Link::isLinked);
            if (link.isEmpty()) {
                return new SyncOutcome.NotLinked();
            }
            // readAt is taken before the read, so a change landing during the read is always "newer" than it.
            Instant readAt = clock.instant();
            Set<String> current = entitlements.current(membership);
            // After an overtaken round, what the record says was sent may not be what Spotify holds: send anyway.
            if (round == 0 && alreadySent(link.get(), current)) {
                return new SyncOutcome.Unchanged();
            }
            Optional<SyncOutcome> outcome = send(membership, link.get().partnerUserId(), current, readAt);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        return new SyncOutcome.Retry(Optional.empty(), "newer sends kept overtaking this one");
    }

    /**
     * One replace-entitlements and its record. Empty when Spotify took the set but a sender outside the
     * lease (the callback registering the user) recorded a newer read meanwhile: our older set may have
     * landed after theirs, so the caller sends the current set once more.
     */
    private Optional<SyncOutcome> send(
            Membership membership, String partnerUserId, Set<String> current, Instant readAt) {
        OpenAccessResult<Void> result = openAccess.replaceEntitlements(membership.partnerId(), partnerUserId, current);
        return switch (result) {
            case OpenAccessResult.Ok<Void> ok ->
                links.recordSent(membership, new SentEntitlements(current, readAt, clock.instant()))
                        ? Optional.of(new SyncOutcome.Sent(current.size()))
                        : Optional.empty();
            case OpenAccessResult.NotLinked<Void> gone -> {
                links.recordUnlinked(membership, clock.instant());
                yield Optional.of(new SyncOutcome.UnlinkedBySpotify());
            }
            case OpenAccessResult.Retryable<Void> retry -> {
                // A timeout or 5xx may still have reached Spotify: forget what it holds, so that a later
                // change back to the last sent set is not mistaken for "unchanged".
                links.recordSent(membership, new SentEntitlements(Set.of(UNKNOWN_TO_SPOTIFY), readAt, clock.instant()));
                yield Optional.of(new SyncOutcome.Retry(retry.retryAfter(), describe(retry.status(), retry.reason())));
            }
            case OpenAccessResult.Rejected<Void> rejected ->
                Optional.of(new SyncOutcome.Rejected(rejected.status(), rejected.reason()));
            case OpenAccessResult.Conflict<Void> conflict ->
                Optional.of(new SyncOutcome.Rejected(conflict.status(), "conflict from replace-entitlements"));
        };
    }

    private static boolean alreadySent(Link link, Set<String> current) {
        return link.lastSent().map(sent -> sent.entitlements().equals(current)).orElse(false);
    }

    private static String describe(int status, String reason) {
        return status == 0 ? reason : "HTTP " + status + ": " + reason;
    }

    private String newLeaseHolder() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
