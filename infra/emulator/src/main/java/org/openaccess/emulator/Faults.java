package org.openaccess.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults injected per endpoint, so that a partner's retries and recovery can be tested. Endpoint
 * names are those of {@link RecordedCall#endpoint()} plus {@code authorize}, {@code link} and
 * {@code completion}. Several faults on one endpoint are tried in the order they were added.
 *
 * <p>A rate limit on an endpoint admits that many calls per second of the emulator's clock (fixed one-second
 * windows) and answers the rest 429 with {@code Retry-After: 1}, as Spotify's rate limit does; it is checked before
 * the armed faults, so a call it refuses gets no added latency.
 */
public final class Faults {
    /** Whole seconds, as Spotify sends it: the next window opens within this. */
    static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

    private final Set<String> endpoints;
    private final Clock clock;
    private final List<Armed> armed = new ArrayList<>();
    private final Map<String, RateLimit> rateLimits = new HashMap<>();

    Faults(Set<String> endpoints, Clock clock) {
        this.endpoints = Set.copyOf(endpoints);
        this.clock = clock;
    }

    public synchronized Faults inject(String endpoint, Fault fault) {
        checkEndpoint(endpoint);
        armed.add(new Armed(endpoint, fault));
        return this;
    }

    /** At most {@code callsPerSecond} calls of {@code endpoint} per second; the others are answered 429. */
    public synchronized Faults limitRate(String endpoint, int callsPerSecond) {
        checkEndpoint(endpoint);
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("a rate limit admits at least 1 call per second");
        }
        rateLimits.put(endpoint, new RateLimit(callsPerSecond));
        return this;
    }

    /** Removes every armed fault and every rate limit. */
    public synchronized void clear() {
        armed.clear();
        rateLimits.clear();
    }

    /** The fault that hits this call of the endpoint, if any; counts the call either way. */
    public synchronized Optional<Fault> next(String endpoint) {
        RateLimit limit = rateLimits.get(endpoint);
        if (limit != null && !limit.admits(clock.instant().getEpochSecond())) {
            return Optional.of(Fault.rateLimited(RATE_LIMIT_RETRY_AFTER));
        }
        Fault hit = null;
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed candidate = it.next();
            if (!candidate.endpoint.equals(endpoint)) {
                continue;
            }
            if (hit == null && candidate.fires()) {
                hit = candidate.fault;
            }
            if (candidate.exhausted()) {
                it.remove();
            }
        }
        return Optional.ofNullable(hit);
    }

    /** Faults still armed, for the developer view. */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Armed a : armed) {
            out.add(Map.of(
                    "endpoint",
                    a.endpoint,
                    "fault",
                    a.fault.describe(),
                    "remaining",
                    a.fault.times() == 0 ? "unlimited" : String.valueOf(a.fault.times() - a.fired),
                    "fraction",
                    a.fault.fraction()));
        }
        rateLimits.forEach((endpoint, limit) -> out.add(Map.of(
                "endpoint",
                endpoint,
                "fault",
                "rate limit of " + limit.callsPerSecond + " calls per second",
                "remaining",
                "unlimited",
                "fraction",
                1.0)));
        return out;
    }

    private void checkEndpoint(String endpoint) {
        if (!endpoints.contains(endpoint)) {
            throw new IllegalArgumentException(
                    "unknown endpoint '" + endpoint + "'; known: " + new TreeSet<>(endpoints));
        }
    }

    public Set<String> endpoints() {
        return endpoints;
    }

    /** A fixed one-second window: simple, and what a burst after a shared pause runs into. */
    private static final class RateLimit {
        final int callsPerSecond;
        long window = Long.MIN_VALUE;
        int admitted;

        RateLimit(int callsPerSecond) {
            this.callsPerSecond = callsPerSecond;
        }

        boolean admits(long second) {
            if (second != window) {
                window = second;
                admitted = 0;
            }
            if (admitted >= callsPerSecond) {
                return false;
            }
            admitted++;
            return true;
        }
    }

    private static final class Armed {
        final String endpoint;
        final Fault fault;
        long seen;
        int fired;

        Armed(String endpoint, Fault fault) {
            this.endpoint = endpoint;
            this.fault = fault;
        }

        boolean fires() {
            if (exhausted()) {
                return false;
            }
            seen++;
            // Even spread: call n fires when floor(n*f) steps up, so 0.25 hits calls 4, 8, 12...
            boolean fires = Math.floor(seen * fault.fraction()) > Math.floor((seen - 1) * fault.fraction());
            if (fires) {
                fired++;
            }
            return fires;
        }

        boolean exhausted() {
            return fault.times() != 0 && fired >= fault.times();
        }
    }
}
