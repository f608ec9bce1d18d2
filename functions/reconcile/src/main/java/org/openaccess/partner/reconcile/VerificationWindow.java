package org.openaccess.partner.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import org.openaccess.partner.core.identity.Membership;

/**
 * Which links a pass verifies with Spotify (get-entitlements), because listeners can unlink on Spotify's side
 * without the partner hearing of it. Each link has a fixed time of day, drawn from a hash of its membership (partner id and user id, so one user's
 * links to several partners are spread apart); a pass
 * verifies the links whose time came in {@code (from, to]}, the time since the previous pass's window ended.
 * Whatever the schedule, every LINKED link is verified once every {@link #PERIOD} (a pass that covers a whole
 * period or more verifies them all), and the work spreads evenly over the passes of a day: 1/96 of the links per
 * pass at the default {@code rate(15 minutes)}.
 */
public record VerificationWindow(Instant from, Instant to) {
    public static final Duration PERIOD = Duration.ofDays(1);

    public boolean includes(Membership membership) {
        long period = PERIOD.toMillis();
        if (to.toEpochMilli() - from.toEpochMilli() >= period) {
            return true;
        }
        long start = Math.floorMod(from.toEpochMilli(), period);
        long end = Math.floorMod(to.toEpochMilli(), period);
        long turn = turnOf(membership);
        return start <= end ? start < turn && turn <= end : turn > start || turn <= end;
    }

    /** The link's time of day, in milliseconds: uniform over the period, the same in every run. */
    static long turnOf(Membership membership) {
        try {
            // The partner id (base62) first, then NUL: no two memberships hash the same input.
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((membership.partnerId() + "\u0000" + membership.userId()).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                bits = (bits << 8) | (hash[i] & 0xff);
            }
            return Long.remainderUnsigned(bits, PERIOD.toMillis());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
