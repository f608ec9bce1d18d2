package org.openaccess.partner.coldstart.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void medianAndP99OfAHundredDurationsAreTheFiftiethAndNinetyNinthByRank() {
        List<Long> nanos = new ArrayList<>();
        for (long ms = 1; ms <= 100; ms++) {
            nanos.add(ms * 1_000_000);
        }
        Collections.shuffle(nanos);

        LatencyStats stats = LatencyStats.ofNanos(nanos);

        assertEquals(100, stats.count());
        assertEquals(50.0, stats.medianMillis());
        assertEquals(99.0, stats.p99Millis());
    }

    @Test
    void aFewColdStartsReportTheirMiddleValue() {
        assertEquals(3.0, LatencyStats.medianMillis(9_000_000, 1_000_000, 3_000_000));
    }

    @Test
    void nothingToSummariseIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.ofNanos(List.of()));
    }
}
