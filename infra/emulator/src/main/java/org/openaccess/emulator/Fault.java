package org.openaccess.emulator;

import java.time.Duration;

/**
 * A failure to inject into an endpoint: an error status (with {@code Retry-After} for 429), added
 * latency, or a dropped connection; for every call, the next N calls, or a fraction of calls.
 * Build with the factories and refine with the {@code with...}/{@code times}/{@code fraction} methods.
 *
 * @param status     error status to answer, or 0 for none (latency only or drop)
 * @param retryAfter value of {@code Retry-After}, or {@code null}
 * @param latency    added before answering (or before passing the call through), never {@code null}
 * @param drop       close the connection without an answer
 * @param times      how many calls it hits, or 0 for no limit
 * @param fraction   share of calls hit, 0..1, spread evenly (0.5 = every second call), not at random
 */
public record Fault(int status, Duration retryAfter, Duration latency, boolean drop, int times, double fraction) {
    public Fault {
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("fault status must be 400-599, was " + status);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or positive");
        }
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0 (0 = every call)");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within 0..1, was " + fraction);
        }
        if (drop && status != 0) {
            throw new IllegalArgumentException("a fault either drops the connection or answers a status");
        }
    }

    /** Answer this status instead of handling the call (e.g. 500, 503). */
    public static Fault status(int status) {
        return new Fault(status, null, Duration.ZERO, false, 0, 1.0);
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    public static Fault rateLimited(Duration retryAfter) {
        return status(429).withRetryAfter(retryAfter);
    }

    /** Handle the call normally, after this delay. */
    public static Fault latency(Duration latency) {
        return new Fault(0, null, latency, false, 0, 1.0);
    }

    /** Close the connection without answering; the call is not handled. */
    public static Fault dropConnection() {
        return new Fault(0, null, Duration.ZERO, true, 0, 1.0);
    }

    public Fault withRetryAfter(Duration value) {
        return new Fault(status, value, latency, drop, times, fraction);
    }

    public Fault withLatency(Duration value) {
        return new Fault(status, retryAfter, value, drop, times, fraction);
    }

    /** Only the next {@code n} matching calls. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        return new Fault(status, retryAfter, latency, drop, n, fraction);
    }

    /** Only this share of calls, spread evenly. */
    public Fault fraction(double share) {
        return new Fault(status, retryAfter, latency, drop, times, share);
    }

    String describe() {
        String what = drop ? "dropped connection" : status != 0 ? "status " + status : "latency";
        return latency.isZero() ? what : what + " after " + latency.toMillis() + " ms";
    }
}
