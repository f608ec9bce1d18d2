package org.openaccess.partner.coldstart.measure;

import java.util.List;

/**
 * Everything measured for one function (or the baseline) in one harness run.
 *
 * @param coldStarts   one sample per fresh on-demand JVM
 * @param warm         the warm invokes of the first of those JVMs
 * @param warmOwn      the same invokes less the time each waited on backends' answers
 * @param warmErrors   how many warm invokes the runtime reported as errors (not HTTP 4xx answers, which are answers)
 * @param peakRssKiB   the largest {@code VmHWM} of the on-demand JVMs, after their invokes
 * @param primedStarts one sample per fresh SnapStart-style JVM
 */
public record FunctionMeasurement(
        String name,
        long artifactBytes,
        int memoryMb,
        List<ColdStartSample> coldStarts,
        LatencyStats warm,
        LatencyStats warmOwn,
        int warmErrors,
        long peakRssKiB,
        List<PrimedStartSample> primedStarts) {

    public FunctionMeasurement {
        coldStarts = List.copyOf(coldStarts);
        primedStarts = List.copyOf(primedStarts);
    }

    public double initMillis() {
        return LatencyStats.medianMillis(
                coldStarts.stream().mapToLong(ColdStartSample::initNanos).toArray());
    }

    public double firstInvokeMillis() {
        return LatencyStats.medianMillis(
                coldStarts.stream().mapToLong(ColdStartSample::firstInvokeNanos).toArray());
    }

    public double primedFirstInvokeMillis() {
        return LatencyStats.medianMillis(primedStarts.stream()
                .mapToLong(PrimedStartSample::firstInvokeNanos)
                .toArray());
    }

    /** The first invoke after priming less the time it waited on backends (median over the SnapStart-style JVMs). */
    public double primedFirstInvokeOwnMillis() {
        return LatencyStats.medianMillis(primedStarts.stream()
                .mapToLong(sample -> sample.firstInvokeNanos() - sample.firstInvokeWaitNanos())
                .toArray());
    }

    public double primedFirstInvokeWaitMillis() {
        return LatencyStats.medianMillis(primedStarts.stream()
                .mapToLong(PrimedStartSample::firstInvokeWaitNanos)
                .toArray());
    }

    public double toCheckpointMillis() {
        return LatencyStats.medianMillis(primedStarts.stream()
                .mapToLong(PrimedStartSample::toCheckpointNanos)
                .toArray());
    }

    public double restoreHooksMillis() {
        return LatencyStats.medianMillis(primedStarts.stream()
                .mapToLong(PrimedStartSample::restoreHooksNanos)
                .toArray());
    }

    /** The most connections any SnapStart-style JVM opened before its checkpoint: should be 0. */
    public int connectionsBeforeCheckpoint() {
        return primedStarts.stream()
                .mapToInt(PrimedStartSample::checkpointConnections)
                .max()
                .orElse(0);
    }

    public String firstAnswer() {
        return coldStarts.isEmpty() ? "" : coldStarts.get(0).firstAnswer();
    }
}
