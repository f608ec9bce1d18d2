package org.openaccess.emulator;

import java.util.ArrayList;
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
 */
public final class Faults {
    private final Set<String> endpoints;
    private final List<Armed> armed = new ArrayList<>();

    Faults(Set<String> endpoints) {
        this.endpoints = Set.copyOf(endpoints);
    }

    public synchronized Faults inject(String endpoint, Fault fault) {
        if (!endpoints.contains(endpoint)) {
            throw new IllegalArgumentException(
                    "unknown endpoint '" + endpoint + "'; known: " + new TreeSet<>(endpoints));
        }
        armed.add(new Armed(endpoint, fault));
        return this;
    }

    public synchronized void clear() {
        armed.clear();
    }

    /** The fault that hits this call of the endpoint, if any; counts the call either way. */
    public synchronized Optional<Fault> next(String endpoint) {
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
        return out;
    }

    public Set<String> endpoints() {
        return endpoints;
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
