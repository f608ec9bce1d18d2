package org.openaccess.partner.coldstart.measure;

import java.time.Duration;

/**
 * How much the probe measures.
 *
 * @param coldStarts   fresh JVMs per function and per start kind (on demand, SnapStart); the median is reported
 * @param warmInvokes  events sent to the first on-demand JVM after its first one
 * @param startTimeout how long init may take before the function counts as failed (generous: never a verdict on speed)
 */
public record ProbeSettings(int coldStarts, int warmInvokes, Duration startTimeout, Duration invokeTimeout) {

    public static ProbeSettings defaults() {
        return new ProbeSettings(5, 300, Duration.ofMinutes(3), Duration.ofMinutes(2));
    }
}
