package org.openaccess.partner.coldstart.measure;

import java.util.Arrays;
import java.util.List;

/** Median and 99th percentile of a set of durations, by the nearest-rank method, in milliseconds. */
public record LatencyStats(int count, double medianMillis, double p99Millis) {

    public static LatencyStats ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no durations to summarise");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new LatencyStats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 99)));
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The median of a few samples (e.g. cold starts), in milliseconds. */
    public static double medianMillis(long... nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return millis(percentile(sorted, 50));
    }
}
