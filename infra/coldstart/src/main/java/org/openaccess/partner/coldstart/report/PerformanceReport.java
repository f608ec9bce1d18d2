package org.openaccess.partner.coldstart.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.openaccess.partner.coldstart.measure.ColdStartSample;
import org.openaccess.partner.coldstart.measure.FunctionMeasurement;
import org.openaccess.partner.coldstart.measure.FunctionResult;
import org.openaccess.partner.coldstart.measure.PrimedStartSample;
import org.openaccess.partner.coldstart.measure.ProbeSettings;

/**
 * The measured section of {@code docs/performance.md}: the table for the baseline and every function, the targets
 * of issue 6 checked against it, and a memory size suggested from each peak RSS. Only the part between the markers
 * is rewritten, so the explanations written around it stay.
 */
public final class PerformanceReport {

    public static final String BEGIN =
            "<!-- coldstart:begin - written by infra/coldstart, edit outside these markers -->";
    public static final String END = "<!-- coldstart:end -->";
    static final double MAX_ARTIFACT_MIB = 20;
    static final double MAX_INIT_RATIO = 3;
    static final double MAX_PRIMED_RATIO = 2;
    static final double MEMORY_HEADROOM = 1.5;
    static final int MEMORY_STEP_MB = 64;
    static final int MIN_MEMORY_MB = 256;

    private final ReportRow baseline;
    private final List<ReportRow> functions;
    private final Machine machine;
    private final ProbeSettings settings;
    private final Instant date;
    private final String command;
    private final String loadAtStart;
    private final String loadAtEnd;

    /** @param loadAtStart the machine's load averages when the run began; at its end they are read here */
    public PerformanceReport(
            ReportRow baseline,
            List<ReportRow> functions,
            Machine machine,
            ProbeSettings settings,
            Instant date,
            String command,
            String loadAtStart) {
        this.baseline = baseline;
        this.functions = List.copyOf(functions);
        this.machine = machine;
        this.settings = settings;
        this.date = date;
        this.command = command;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = Machine.loadAverage();
    }

    /** Replaces the measured section of {@code document}, or appends one, or creates the file. */
    public void writeInto(Path document) throws IOException {
        String section = markdown();
        String existing = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = existing.substring(0, begin) + section + existing.substring(end + END.length());
        } else {
            updated = existing.isEmpty()
                    ? "# Performance\n\n" + section + "\n"
                    : existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        }
        Files.createDirectories(document.toAbsolutePath().getParent());
        Files.writeString(document, updated, StandardCharsets.UTF_8);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("### Measured ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE
                        .withZone(ZoneOffset.UTC)
                        .format(date))
                .append(" (")
                .append(DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(date))
                .append(")\n\n");
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- Load average (1, 5, 15 min): ")
                .append(loadAtStart)
                .append(" at the start, ")
                .append(loadAtEnd)
                .append(" at the end; other work on the machine slows every start and widens the spread.\n");
        md.append("- Reproduce: `").append(command).append("`\n");
        md.append("- Each figure of a start is the median of ")
                .append(settings.coldStarts())
                .append(" fresh JVMs per start kind; warm figures are from ")
                .append(settings.warmInvokes())
                .append(" invokes in one JVM. Times in ms, sizes in MiB.\n\n");
        table(md);
        targets(md);
        memory(md);
        events(md);
        return md.append(END).toString();
    }

    private void table(StringBuilder md) {
        md.append(
                "| function | artifact | memory | init | init ÷ hello | first invoke | warm median | warm p99 "
                        + "| peak RSS | init + priming | restore hooks | first invoke after priming | ÷ warm median "
                        + "| its backend wait | without backend waits ÷ warm | connections before checkpoint | first answer |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ReportRow row : allRows()) {
            switch (row.result()) {
                case FunctionResult.Measured measured -> measuredRow(md, measured.measurement());
                case FunctionResult.NotBuilt notBuilt ->
                    rowWithoutFigures(
                            md, notBuilt.name(), "not built (`" + notBuilt.expectedArtifact() + "` missing)", 15);
                case FunctionResult.Failed failed ->
                    rowWithoutFigures(
                            md,
                            failed.name(),
                            "failed: " + failed.reason().replace('|', '/').replace('\n', ' '),
                            15);
            }
        }
        md.append('\n');
    }

    private void measuredRow(StringBuilder md, FunctionMeasurement m) {
        FunctionMeasurement hello = baselineMeasurement();
        tableRow(
                md,
                m.name(),
                mib(m.artifactBytes()),
                String.valueOf(m.memoryMb()),
                ms(initMillis(m)),
                ratio(initMillis(m), hello == null ? 0 : initMillis(hello)),
                ms(m.medianOfColdStarts(ColdStartSample::firstInvokeNanos)),
                ms(m.warm().medianMillis()),
                ms(m.warm().p99Millis()),
                String.format(Locale.ROOT, "%.0f", m.peakRssKiB() / 1024.0),
                ms(m.medianOfPrimedStarts(PrimedStartSample::toCheckpointNanos)),
                ms(m.medianOfPrimedStarts(PrimedStartSample::restoreHooksNanos)),
                ms(primedFirstInvokeMillis(m)),
                ratio(primedFirstInvokeMillis(m), m.warm().medianMillis()),
                ms(m.medianOfPrimedStarts(PrimedStartSample::firstInvokeWaitNanos)),
                ratio(primedFirstInvokeOwnMillis(m), m.warmOwn().medianMillis()),
                String.valueOf(m.connectionsBeforeCheckpoint()),
                m.firstAnswer() + (m.warmErrors() > 0 ? " (" + m.warmErrors() + " warm errors)" : ""));
    }

    private void targets(StringBuilder md) {
        md.append("Targets of issue 6 (checked here, never asserted in a timed test):\n\n");
        md.append("| function | artifact ≤ 20 MiB | init ≤ 3× hello (HTTP functions) "
                + "| first invoke after priming ≤ 2× warm median | same, backend waits left out of both "
                + "| no connection before checkpoint |\n");
        md.append("|---|---|---|---|---|---|\n");
        FunctionMeasurement hello = baselineMeasurement();
        for (ReportRow row : functions) {
            if (!(row.result() instanceof FunctionResult.Measured measured)) {
                tableRow(md, row.result().name(), "-", "-", "-", "-", "-");
                continue;
            }
            FunctionMeasurement m = measured.measurement();
            tableRow(
                    md,
                    m.name(),
                    verdict(m.artifactBytes() / 1024.0 / 1024.0 <= MAX_ARTIFACT_MIB),
                    !row.http()
                            ? "n/a (not HTTP)"
                            : hello == null
                                    ? "no baseline"
                                    : verdict(initMillis(m) <= MAX_INIT_RATIO * initMillis(hello)),
                    verdict(primedFirstInvokeMillis(m)
                            <= MAX_PRIMED_RATIO * m.warm().medianMillis()),
                    verdict(primedFirstInvokeOwnMillis(m)
                            <= MAX_PRIMED_RATIO * m.warmOwn().medianMillis()),
                    verdict(m.connectionsBeforeCheckpoint() == 0));
        }
        md.append('\n');
    }

    private void memory(StringBuilder md) {
        md.append("Memory suggested from peak RSS: ")
                .append(MEMORY_HEADROOM)
                .append("× the peak, rounded up to ")
                .append(MEMORY_STEP_MB)
                .append(" MB, at least ")
                .append(MIN_MEMORY_MB)
                .append(" MB.\n\n");
        md.append("| function | peak RSS (MiB) | configured | suggested |\n|---|---:|---:|---:|\n");
        for (ReportRow row : allRows()) {
            if (row.result() instanceof FunctionResult.Measured measured) {
                FunctionMeasurement m = measured.measurement();
                tableRow(
                        md,
                        m.name(),
                        String.valueOf(m.peakRssKiB() / 1024),
                        String.valueOf(m.memoryMb()),
                        String.valueOf(suggestedMemoryMb(m.peakRssKiB())));
            }
        }
        md.append('\n');
    }

    /** One row of a Markdown table: {@code | a | b | c |}. */
    private static void tableRow(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** A row whose {@code text} stands where the figures would, followed by {@code emptyCells} empty cells. */
    private static void rowWithoutFigures(StringBuilder md, String name, String text, int emptyCells) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(text)
                .append(" |")
                .append(" |".repeat(emptyCells))
                .append('\n');
    }

    private static double initMillis(FunctionMeasurement m) {
        return m.medianOfColdStarts(ColdStartSample::initNanos);
    }

    private static double primedFirstInvokeMillis(FunctionMeasurement m) {
        return m.medianOfPrimedStarts(PrimedStartSample::firstInvokeNanos);
    }

    private static double primedFirstInvokeOwnMillis(FunctionMeasurement m) {
        return m.medianOfPrimedStarts(PrimedStartSample::firstInvokeOwnNanos);
    }

    private void events(StringBuilder md) {
        md.append("Events (first invoke first; warm invokes cycle through them):\n\n");
        for (ReportRow row : allRows()) {
            md.append("- ")
                    .append(row.result().name())
                    .append(": ")
                    .append(row.events().isEmpty() ? "none" : String.join(", ", row.events()))
                    .append('\n');
        }
        md.append('\n');
    }

    /** Peak RSS with headroom, rounded up to the step, never below the floor. */
    public static int suggestedMemoryMb(long peakRssKiB) {
        double withHeadroom = peakRssKiB / 1024.0 * MEMORY_HEADROOM;
        int rounded = (int) (Math.ceil(withHeadroom / MEMORY_STEP_MB) * MEMORY_STEP_MB);
        return Math.max(MIN_MEMORY_MB, rounded);
    }

    private List<ReportRow> allRows() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(baseline), functions.stream())
                .toList();
    }

    private FunctionMeasurement baselineMeasurement() {
        return baseline.result() instanceof FunctionResult.Measured measured ? measured.measurement() : null;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1024.0 / 1024.0);
    }

    static String ratio(double value, double reference) {
        return reference <= 0 ? "-" : String.format(Locale.ROOT, "%.1f×", value / reference);
    }
}
