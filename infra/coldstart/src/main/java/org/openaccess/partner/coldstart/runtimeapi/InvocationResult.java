package org.openaccess.partner.coldstart.runtimeapi;

import java.nio.charset.StandardCharsets;

/**
 * What the runtime posted back for one event.
 *
 * @param dispatchedAtNanos {@link System#nanoTime()} when the event was handed to the runtime
 * @param latencyNanos from handing the event to the runtime until its answer arrived: Lambda's "Duration"
 * @param error        whether the runtime posted to {@code /error} rather than {@code /response}
 * @param errorType    the {@code Lambda-Runtime-Function-Error-Type} header of an error, else null
 */
public record InvocationResult(
        String requestId, long dispatchedAtNanos, long latencyNanos, boolean error, String errorType, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@link System#nanoTime()} when the answer arrived. */
    public long completedAtNanos() {
        return dispatchedAtNanos + latencyNanos;
    }

    public double latencyMillis() {
        return latencyNanos / 1_000_000.0;
    }
}
