package org.openaccess.partner.coldstart.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaccess.partner.coldstart.measure.ColdStartSample;
import org.openaccess.partner.coldstart.measure.FunctionMeasurement;
import org.openaccess.partner.coldstart.measure.FunctionResult;
import org.openaccess.partner.coldstart.measure.LatencyStats;
import org.openaccess.partner.coldstart.measure.PrimedStartSample;
import org.openaccess.partner.coldstart.measure.ProbeSettings;

/** The table and verdicts written into docs/performance.md, from given measurements. */
class PerformanceReportTest {

    private static final long MS = 1_000_000;
    private static final Machine MACHINE = new Machine("Test CPU", 2, 4096, "Linux", "JDK 25");

    @TempDir
    Path dir;

    private static FunctionMeasurement measurement(
            String name,
            long artifactBytes,
            long initMs,
            double warmMedianMs,
            long primedFirstMs,
            int connectionsBeforeCheckpoint) {
        return measurement(
                name, artifactBytes, initMs, warmMedianMs, warmMedianMs, primedFirstMs, 0, connectionsBeforeCheckpoint);
    }

    private static FunctionMeasurement measurement(
            String name,
            long artifactBytes,
            long initMs,
            double warmMedianMs,
            double warmOwnMedianMs,
            long primedFirstMs,
            long primedWaitMs,
            int connectionsBeforeCheckpoint) {
        return new FunctionMeasurement(
                name,
                artifactBytes,
                512,
                List.of(new ColdStartSample(initMs * MS, 40 * MS, 0, "HTTP 302")),
                new LatencyStats(300, warmMedianMs, warmMedianMs * 3),
                new LatencyStats(300, warmOwnMedianMs, warmOwnMedianMs * 3),
                0,
                200 * 1024,
                List.of(new PrimedStartSample(
                        initMs * 2 * MS, 5 * MS, primedFirstMs * MS, primedWaitMs * MS, connectionsBeforeCheckpoint)));
    }

    private static PerformanceReport report(List<ReportRow> functions) {
        ReportRow hello = new ReportRow(
                new FunctionResult.Measured(measurement("hello-baseline", 10_000, 400, 1, 2, 0)),
                true,
                List.of("built-in"));
        return new PerformanceReport(
                hello,
                functions,
                MACHINE,
                new ProbeSettings(5, 300, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                Instant.parse("2026-11-26T17:00:00Z"),
                "java -jar coldstart.jar",
                "0.50 0.40 0.30");
    }

    @Test
    void eachFunctionIsComparedWithTheBaselineAndItsTargetsAreJudged() {
        ReportRow fast = new ReportRow(
                new FunctionResult.Measured(measurement("entrypoint", 12 * 1024 * 1024, 1000, 5, 8, 0)),
                true,
                List.of("link.json"));
        ReportRow slow = new ReportRow(
                new FunctionResult.Measured(measurement("callback", 25 * 1024 * 1024, 1600, 5, 30, 1)),
                true,
                List.of("callback.json"));

        String md = report(List.of(fast, slow)).markdown();

        assertTrue(md.contains("| entrypoint | 12.00 | 512 | 1000 | 2.5× | 40 | 5.00 | 15 | 200 |"), md);
        assertTrue(md.contains("| entrypoint | met | met | met | met | met |"), md);
        assertTrue(md.contains("| callback | **missed** | **missed** | **missed** | **missed** | **missed** |"), md);
        assertTrue(md.contains("2026-11-26") && md.contains("2 cores (Test CPU)") && md.contains("java -jar"), md);
        assertTrue(md.contains("0.50 0.40 0.30 at the start"), md);
    }

    @Test
    void theFirstInvokeAfterPrimingIsAlsoJudgedWithoutItsWaitOnBackends() {
        // 40 ms after priming, 36 of them waiting on the secret read and a new DynamoDB connection; warm 5 ms,
        // 3 of them its own work: 13x as measured, but only 1.3x in the work priming could have done.
        ReportRow waiting = new ReportRow(
                new FunctionResult.Measured(measurement("unlink", 1024, 1000, 5, 3, 40, 36, 0)),
                true,
                List.of("unlink.json"));

        String md = report(List.of(waiting)).markdown();

        assertTrue(md.contains("| 40 | 8.0× | 36 | 1.3× | 0 | HTTP 302 |"), md);
        assertTrue(md.contains("| unlink | met | met | **missed** | met | met |"), md);
    }

    @Test
    void aFunctionNotYetBuiltIsListedAsSuchWithoutFigures() {
        ReportRow missing =
                new ReportRow(new FunctionResult.NotBuilt("unlink", Path.of("unlink-lambda.jar")), true, List.of());

        String md = report(List.of(missing)).markdown();

        assertTrue(md.contains("| unlink | not built (`unlink-lambda.jar` missing) |"), md);
        assertTrue(md.contains("| unlink | - | - | - | - | - |"), md);
    }

    @Test
    void theInitTargetDoesNotApplyToFunctionsThatAreNotHttp() {
        ReportRow push = new ReportRow(
                new FunctionResult.Measured(measurement("entitlement-push", 1024, 4000, 5, 8, 0)),
                false,
                List.of("stream.json"));

        assertTrue(report(List.of(push))
                .markdown()
                .contains("| entitlement-push | met | n/a (not HTTP) | met | met | met |"));
    }

    @Test
    void onlyTheMeasuredSectionOfTheDocumentIsReplaced() throws Exception {
        Path doc = dir.resolve("performance.md");
        Files.writeString(
                doc,
                "# Performance\n\nWhy we chose the URL client.\n\n" + PerformanceReport.BEGIN + "\nold table\n"
                        + PerformanceReport.END + "\n\n## Priming\nWhat the hooks warm.\n");

        report(List.of()).writeInto(doc);

        String written = Files.readString(doc);
        assertTrue(written.startsWith("# Performance\n\nWhy we chose the URL client.\n\n" + PerformanceReport.BEGIN));
        assertTrue(written.endsWith(PerformanceReport.END + "\n\n## Priming\nWhat the hooks warm.\n"));
        assertTrue(!written.contains("old table") && written.contains("| hello-baseline |"));
    }

    @Test
    void aMissingDocumentIsCreatedWithTheSection() throws Exception {
        Path doc = dir.resolve("docs/performance.md");

        report(List.of()).writeInto(doc);

        assertTrue(Files.readString(doc).contains(PerformanceReport.BEGIN));
    }

    @Test
    void memoryIsSuggestedWithHalfAgainThePeakRoundedUpToSixtyFourMegabytes() {
        assertEquals(256, PerformanceReport.suggestedMemoryMb(100 * 1024), "small functions get the floor");
        assertEquals(320, PerformanceReport.suggestedMemoryMb(200 * 1024), "300 MB rounds up to 320");
        assertEquals(384, PerformanceReport.suggestedMemoryMb(256 * 1024));
    }
}
