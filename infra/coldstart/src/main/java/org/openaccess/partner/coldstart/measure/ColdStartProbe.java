package org.openaccess.partner.coldstart.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.openaccess.partner.coldstart.launch.FunctionDeployment;
import org.openaccess.partner.coldstart.launch.InitType;
import org.openaccess.partner.coldstart.launch.LambdaJvm;
import org.openaccess.partner.coldstart.launch.LambdaJvmLauncher;
import org.openaccess.partner.coldstart.runtimeapi.InvocationResult;
import org.openaccess.partner.coldstart.runtimeapi.LocalRuntimeApi;
import org.openaccess.partner.coldstart.runtimeapi.RuntimeApiException;

/**
 * Measures one deployed function: fresh on-demand JVMs (init, first invoke, then warm invokes in the first one) and
 * fresh SnapStart-style JVMs (init and priming up to the checkpoint, the restore hooks, then the first invoke).
 */
public record ColdStartProbe(LambdaJvmLauncher launcher, NetworkWatch network, ProbeSettings settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param events the function's events; the first is the first invoke's, the warm invokes cycle through all */
    public FunctionResult measure(FunctionDeployment function, List<byte[]> events) {
        if (!Files.isRegularFile(function.artifact())) {
            return new FunctionResult.NotBuilt(function.name(), function.artifact());
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events for " + function.name());
        }
        List<ColdStartSample> coldStarts = new ArrayList<>();
        List<PrimedStartSample> primedStarts = new ArrayList<>();
        WarmRun warm = null;
        long peakRss = 0;
        InitType current = InitType.ON_DEMAND;
        LambdaJvm last = null;
        try {
            // On-demand JVMs first (the first one also takes the warm invokes), then SnapStart-style ones.
            for (InitType type : List.of(InitType.ON_DEMAND, InitType.SNAP_START)) {
                for (int run = 0; run < settings.coldStarts(); run++) {
                    current = type;
                    try (LocalRuntimeApi api = LocalRuntimeApi.start(function.name());
                            LambdaJvm jvm = launcher.launch(function, api.address(), type)) {
                        last = jvm;
                        if (type == InitType.SNAP_START) {
                            primedStarts.add(primedStart(api, jvm, events.get(0)));
                            continue;
                        }
                        coldStarts.add(coldStart(api, jvm, events.get(0)));
                        if (run == 0) {
                            warm = warmInvokes(api, jvm, events);
                        }
                        peakRss = Math.max(peakRss, jvm.peakRssKiB().orElse(0));
                    }
                }
            }
        } catch (RuntimeApiException | IOException e) {
            return new FunctionResult.Failed(
                    function.name(), current.value() + " run: " + e.getMessage(), last == null ? null : last.log());
        }
        return new FunctionResult.Measured(new FunctionMeasurement(
                function.name(),
                artifactBytes(function),
                function.memoryMb(),
                coldStarts,
                warm.stats(),
                warm.withoutBackendWaits(),
                warm.errors(),
                peakRss,
                primedStarts));
    }

    private ColdStartSample coldStart(LocalRuntimeApi api, LambdaJvm jvm, byte[] event) throws RuntimeApiException {
        long ready = api.awaitFirstPoll(settings.startTimeout(), jvm::isAlive);
        InvocationResult first = api.invoke(event, settings.invokeTimeout(), jvm::isAlive);
        return new ColdStartSample(
                ready - jvm.startedAt(),
                first.latencyNanos(),
                network.connectionsBetween(jvm.startedAt(), ready),
                describe(first));
    }

    private WarmRun warmInvokes(LocalRuntimeApi api, LambdaJvm jvm, List<byte[]> events) throws RuntimeApiException {
        List<Long> durations = new ArrayList<>(settings.warmInvokes());
        List<Long> withoutWaits = new ArrayList<>(settings.warmInvokes());
        int errors = 0;
        for (int i = 0; i < settings.warmInvokes(); i++) {
            InvocationResult result = api.invoke(events.get(i % events.size()), settings.invokeTimeout(), jvm::isAlive);
            durations.add(result.latencyNanos());
            withoutWaits.add(result.latencyNanos() - backendWait(result));
            errors += result.error() ? 1 : 0;
        }
        return new WarmRun(LatencyStats.ofNanos(durations), LatencyStats.ofNanos(withoutWaits), errors);
    }

    private PrimedStartSample primedStart(LocalRuntimeApi api, LambdaJvm jvm, byte[] event) throws RuntimeApiException {
        long checkpoint = api.awaitCheckpoint(settings.startTimeout(), jvm::isAlive);
        long ready = api.awaitFirstPoll(settings.startTimeout(), jvm::isAlive);
        InvocationResult first = api.invoke(event, settings.invokeTimeout(), jvm::isAlive);
        return new PrimedStartSample(
                checkpoint - jvm.startedAt(),
                ready - checkpoint,
                first.latencyNanos(),
                backendWait(first),
                network.connectionsBetween(jvm.startedAt(), checkpoint));
    }

    private long backendWait(InvocationResult result) {
        return network.backendWaitNanosBetween(result.dispatchedAtNanos(), result.completedAtNanos());
    }

    /** "HTTP 302" for an API Gateway answer, "ok" for another answer, else the runtime's error type. */
    static String describe(InvocationResult result) {
        if (result.error()) {
            return "error " + (result.errorType() == null ? "" : result.errorType());
        }
        try {
            JsonNode answer = JSON.readTree(result.body());
            return answer != null && answer.has("statusCode")
                    ? "HTTP " + answer.get("statusCode").asText()
                    : "ok";
        } catch (IOException notJson) {
            return "ok";
        }
    }

    private static long artifactBytes(FunctionDeployment function) {
        try {
            return Files.size(function.artifact());
        } catch (IOException e) {
            return -1;
        }
    }

    private record WarmRun(LatencyStats stats, LatencyStats withoutBackendWaits, int errors) {}
}
