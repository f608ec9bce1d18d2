package org.openaccess.partner.core;

import java.time.Instant;
import org.openaccess.emulator.junit.ManualClock;

/** The emulator's hand-moved clock, under the name core's tests know it by, starting now unless told otherwise. */
public final class MovingClock extends ManualClock {
    public MovingClock(Instant start) {
        super(start);
    }

    public static MovingClock atNow() {
        return new MovingClock(Instant.now());
    }
}
