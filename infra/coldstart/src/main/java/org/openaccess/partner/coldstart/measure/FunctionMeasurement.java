package org.openaccess.partner.coldstart.measure;

import java.util.List;
import java.util.function.ToLongFunction;

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

    /**
     * The median over the on-demand JVMs of one of their figures, in ms: {@code ColdStartSample::initNanos} is
     * Lambda's "Init Duration", {@code ColdStartSample::firstInvokeNanos} the first request's duration.
     */
    public double medianOfColdStarts(ToLongFunction<ColdStartSample> nanos) {
        return medianOf(coldStarts, nanos);
    }

    /**
     * The median over the SnapStart-style JVMs of one of their figures, in ms (for example
     * {@code PrimedStartSample::firstInvokeNanos}, the first request after priming).
     */
    public double medianOfPrimedStarts(ToLongFunction<PrimedStartSample> nanos) {
        return medianOf(primedStarts, nanos);
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

    private static <T> double medianOf(List<T> samples, ToLongFunction<T> nanos) {
        return LatencyStats.medianMillis(samples.stream().mapToLong(nanos).toArray());
    }
}
