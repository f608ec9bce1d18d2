package org.openaccess.partner.coldstart.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaccess.partner.coldstart.HarnessPaths;
import org.openaccess.partner.coldstart.launch.FunctionDeployment;
import org.openaccess.partner.coldstart.launch.LambdaJvmLauncher;

/** The probe measuring the baseline artifact for real, and telling apart what it could not measure. */
@org.junit.jupiter.api.Tag("integration")
class ColdStartProbeTest {

    private static final String HELLO = "org.openaccess.partner.coldstart.hello.HelloHandler::handleRequest";
    private static final List<byte[]> EVENTS = List.of(
            "{\"rawPath\":\"/a\"}".getBytes(StandardCharsets.UTF_8),
            "{\"rawPath\":\"/b\"}".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path logs;

    private LambdaJvmLauncher launcher;

    @AfterEach
    void removeTaskRoots() {
        if (launcher != null) {
            launcher.close();
        }
    }

    private ColdStartProbe probe(int coldStarts, int warmInvokes) {
        launcher = new LambdaJvmLauncher(HarnessPaths.javaHome(), HarnessPaths.runtimeJars(), logs);
        return new ColdStartProbe(
                launcher,
                NetworkWatch.NONE,
                new ProbeSettings(coldStarts, warmInvokes, Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }

    @Test
    void theBaselineIsMeasuredOnDemandAndPrimedWithEveryFigureOfTheReport() throws Exception {
        FunctionDeployment hello = new FunctionDeployment("hello", HarnessPaths.helloArtifact(), HELLO, 512, Map.of());

        FunctionResult result = probe(2, 40).measure(hello, EVENTS);

        FunctionMeasurement m =
                assertInstanceOf(FunctionResult.Measured.class, result).measurement();
        assertEquals(2, m.coldStarts().size());
        assertEquals(2, m.primedStarts().size());
        assertEquals(40, m.warm().count());
        assertEquals(0, m.warmErrors());
        assertEquals("HTTP 200", m.firstAnswer());
        assertEquals(Files.size(HarnessPaths.helloArtifact()), m.artifactBytes());
        assertTrue(m.medianOfColdStarts(ColdStartSample::initNanos) > 0
                && m.medianOfColdStarts(ColdStartSample::firstInvokeNanos) > 0
                && m.medianOfPrimedStarts(PrimedStartSample::firstInvokeNanos) > 0);
        assertTrue(m.warm().p99Millis() >= m.warm().medianMillis());
        assertTrue(m.medianOfPrimedStarts(PrimedStartSample::toCheckpointNanos) > 0
                && m.medianOfPrimedStarts(PrimedStartSample::restoreHooksNanos) >= 0);
        assertTrue(m.peakRssKiB() > 10_000, "a JVM's peak resident set is above 10 MB");
        assertEquals(0, m.connectionsBeforeCheckpoint());
    }

    @Test
    void aFunctionWhoseArtifactIsMissingIsReportedAsNotBuilt() {
        Path missing = logs.resolve("functions/unlink/target/unlink-lambda.jar");
        FunctionDeployment unlink = new FunctionDeployment("unlink", missing, "x.Y::handleRequest", 512, Map.of());

        FunctionResult result = probe(1, 1).measure(unlink, EVENTS);

        assertEquals(
                missing, assertInstanceOf(FunctionResult.NotBuilt.class, result).expectedArtifact());
    }

    @Test
    void aFunctionWhoseJvmCannotStartIsReportedAsFailedWithItsLog() throws Exception {
        // 1 MB of memory gives a heap the JVM refuses to start with.
        FunctionDeployment starved =
                new FunctionDeployment("starved", HarnessPaths.helloArtifact(), HELLO, 1, Map.of());

        FunctionResult result = probe(1, 1).measure(starved, EVENTS);

        FunctionResult.Failed failed = assertInstanceOf(FunctionResult.Failed.class, result);
        assertTrue(failed.reason().contains("exited"), failed.reason());
        assertNotNull(failed.log());
        assertTrue(Files.readString(failed.log()).toLowerCase().contains("heap"), Files.readString(failed.log()));
    }
}
