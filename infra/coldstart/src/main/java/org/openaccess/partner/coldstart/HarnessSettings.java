package org.openaccess.partner.coldstart;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openaccess.partner.coldstart.measure.ProbeSettings;
import org.openaccess.partner.testkit.RepoRoot;

/**
 * Everything the harness can be told, in one place: from the command line, else from system properties, else the
 * defaults (paths next to the harness's own jar in {@code infra/coldstart/target}).
 *
 * @param only functions to measure (empty: all of the template's)
 * @param extraJvmOptions added to every function JVM's command line (profiling only)
 */
public record HarnessSettings(
        Path repoRoot,
        Path runtimeDir,
        Path helloDir,
        Path javaHome,
        Path logDir,
        Path output,
        ProbeSettings probe,
        Set<String> only,
        List<String> extraJvmOptions) {

    static final String USAGE = """
            usage: java -jar infra/coldstart/target/coldstart.jar [options]
              --cold-starts N   fresh JVMs per function and start kind (default 5)
              --warm N          warm invokes after the first (default 300)
              --only a,b        measure only these functions (names as in functions/<name>)
              --output FILE     the document to write the table into (default docs/performance.md)
              --java-home DIR   the JDK the functions run on (default: the one running the harness)
              --jvm-options S   extra JVM options for every function JVM, space-separated, for profiling
                                (e.g. "-Xlog:class+load:file=/tmp/classes.log"); not for the published table""";

    public static HarnessSettings parse(String... args) {
        Path target = harnessTarget();
        Path repo = RepoRoot.path();
        ProbeSettings defaults = ProbeSettings.defaults();
        int coldStarts = defaults.coldStarts();
        int warm = defaults.warmInvokes();
        Set<String> only = Set.of();
        List<String> extraJvmOptions = List.of();
        Path output = repo.resolve("docs/performance.md");
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = rest.remove(0);
            switch (option) {
                case "--cold-starts" -> coldStarts = positive(option, value);
                case "--warm" -> warm = positive(option, value);
                case "--only" -> only = Set.of(value.split(","));
                case "--output" -> output = Path.of(value).toAbsolutePath();
                case "--java-home" -> javaHome = Path.of(value);
                case "--jvm-options" ->
                    extraJvmOptions =
                            value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new HarnessSettings(
                repo,
                Path.of(System.getProperty(
                        "coldstart.runtime.dir",
                        target.resolve("lambda-runtime").toString())),
                Path.of(System.getProperty(
                        "coldstart.hello.dir", target.resolve("hello").toString())),
                javaHome,
                target.resolve("coldstart-logs"),
                output,
                new ProbeSettings(coldStarts, warm, defaults.startTimeout(), defaults.invokeTimeout()),
                only,
                extraJvmOptions);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a positive number, not " + value);
    }

    /** {@code infra/coldstart/target}: where the harness's jar (or its classes) lies. */
    private static Path harnessTarget() {
        try {
            Path location = Path.of(HarnessSettings.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return location.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the harness's jar", e);
        }
    }
}
