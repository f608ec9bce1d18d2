package org.openaccess.partner.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openaccess.partner.coldstart.TemplateFunctions.FunctionUnderTest;
import org.openaccess.partner.coldstart.backends.LocalBackends;
import org.openaccess.partner.coldstart.launch.FunctionDeployment;
import org.openaccess.partner.coldstart.launch.LambdaJvmLauncher;
import org.openaccess.partner.coldstart.launch.LambdaRuntimeJars;
import org.openaccess.partner.coldstart.measure.ColdStartProbe;
import org.openaccess.partner.coldstart.measure.FunctionMeasurement;
import org.openaccess.partner.coldstart.measure.FunctionResult;
import org.openaccess.partner.coldstart.report.Machine;
import org.openaccess.partner.coldstart.report.PerformanceReport;
import org.openaccess.partner.coldstart.report.ReportRow;
import org.openaccess.partner.testkit.SamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold-start harness: measures the hello-world baseline and every function of {@code template.yaml} from its
 * built artifact, against dynalite, the Secrets Manager stub and the Spotify emulator, and writes the table into
 * {@code docs/performance.md}.
 */
public final class ColdStartMain {

    private static final Logger LOG = LoggerFactory.getLogger(ColdStartMain.class);
    static final String COMMAND = "./mvnw -B -DskipTests -Pcoldstart install";
    static final String HELLO_HANDLER = "org.openaccess.partner.coldstart.hello.HelloHandler::handleRequest";
    static final String HELLO_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"GET /hello\",\"rawPath\":\"/hello\"}";

    private ColdStartMain() {}

    public static void main(String[] args) throws IOException {
        HarnessSettings settings;
        try {
            settings = HarnessSettings.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        // Interrupted (Ctrl-C): leave no function JVM or dynalite behind.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        String loadAtStart = Machine.loadAverage();
        SamTemplate template = SamTemplate.load(settings.repoRoot().resolve("template.yaml"));
        try (LambdaJvmLauncher launcher = new LambdaJvmLauncher(
                        settings.javaHome(),
                        LambdaRuntimeJars.in(settings.runtimeDir()),
                        settings.logDir(),
                        settings.extraJvmOptions());
                LocalBackends backends = LocalBackends.start(template)) {
            TemplateFunctions templateFunctions = new TemplateFunctions(template, settings.repoRoot());
            List<FunctionUnderTest> functions = templateFunctions.functions(
                    LocalParameters.references(templateFunctions.parameterDefaults(), backends),
                    LocalParameters.overrides(backends));
            ColdStartProbe probe = new ColdStartProbe(launcher, backends, settings.probe());

            ReportRow baseline = measureBaseline(probe, settings, memoryOfFirst(functions));
            List<ReportRow> rows = new ArrayList<>();
            for (FunctionUnderTest function : functions) {
                if (settings.only().isEmpty()
                        || settings.only().contains(function.deployment().name())) {
                    rows.add(measure(probe, function));
                }
            }
            new PerformanceReport(
                            baseline,
                            rows,
                            Machine.current(settings.javaHome()),
                            settings.probe(),
                            Instant.now(),
                            COMMAND,
                            loadAtStart)
                    .writeInto(settings.output());
            LOG.info("wrote {}; function logs in {}", settings.output(), settings.logDir());
        }
    }

    private static ReportRow measureBaseline(ColdStartProbe probe, HarnessSettings settings, int memoryMb) {
        Path artifact = helloArtifact(settings.helloDir());
        LOG.info("measuring the hello-world baseline ({})", artifact);
        FunctionDeployment hello =
                new FunctionDeployment("hello-baseline", artifact, HELLO_HANDLER, memoryMb, java.util.Map.of());
        FunctionResult result = probe.measure(hello, List.of(HELLO_EVENT.getBytes(StandardCharsets.UTF_8)));
        logSpread(result);
        return new ReportRow(result, true, List.of("built-in API Gateway-like event"));
    }

    private static ReportRow measure(ColdStartProbe probe, FunctionUnderTest function) {
        String name = function.deployment().name();
        if (function.events().isEmpty()) {
            LOG.warn("{}: no events in events/{}/", name, name);
            return new ReportRow(
                    new FunctionResult.Failed(name, "no events in events/" + name + "/", null),
                    function.http(),
                    List.of());
        }
        LOG.info("measuring {} ({})", name, function.deployment().artifact());
        FunctionResult result = probe.measure(function.deployment(), read(function.events()));
        if (result instanceof FunctionResult.Failed failed) {
            LOG.warn("{} failed: {} (log: {})", name, failed.reason(), failed.log());
        }
        logSpread(result);
        return new ReportRow(
                result,
                function.http(),
                function.events().stream().map(e -> e.getFileName().toString()).toList());
    }

    /**
     * Each SnapStart-style JVM's first invoke after priming (and its backend wait), in run order: the table shows
     * their median, this the spread behind it, which decides whether two runs differ.
     */
    private static void logSpread(FunctionResult result) {
        if (result instanceof FunctionResult.Measured measured) {
            FunctionMeasurement measurement = measured.measurement();
            LOG.info(
                    "{}: first invoke after priming per JVM, ms (backend wait): {}",
                    measurement.name(),
                    measurement.primedStarts().stream()
                            .map(sample -> String.format(
                                    Locale.ROOT,
                                    "%.1f (%.1f)",
                                    sample.firstInvokeNanos() / 1e6,
                                    sample.firstInvokeWaitNanos() / 1e6))
                            .collect(Collectors.joining(", ")));
        }
    }

    /** The baseline runs with the memory the functions get, so the heap and the comparison are the same. */
    private static int memoryOfFirst(List<FunctionUnderTest> functions) {
        return functions.isEmpty() ? 512 : functions.get(0).deployment().memoryMb();
    }

    private static List<byte[]> read(List<Path> files) {
        return files.stream()
                .map(file -> {
                    try {
                        return Files.readAllBytes(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read event " + file, e);
                    }
                })
                .toList();
    }

    private static Path helloArtifact(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-hello-lambda.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hello-lambda jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
