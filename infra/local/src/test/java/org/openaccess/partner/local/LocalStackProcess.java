package org.openaccess.partner.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openaccess.partner.testkit.Ports;
import org.openaccess.partner.testkit.Processes;
import org.openaccess.partner.testkit.RepoRoot;

/**
 * The local stack as ./run-local starts it: its own JVM, whose environment is the stack's settings (the functions
 * read System.getenv), here on free ports. Output goes to a file under target/ for failures.
 */
public record LocalStackProcess(Process process, LocalSettings settings, Path outputFile) implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** Starts the stack on free ports (plus {@code overrides}) and waits until it says it is ready. */
    public static LocalStackProcess startOnFreePorts(Map<String, String> overrides) {
        Map<String, String> given = new HashMap<>(Map.of(
                "LOCAL_API_PORT", Integer.toString(Ports.free()),
                "LOCAL_DYNAMODB_PORT", Integer.toString(Ports.free()),
                "EMULATOR_PORT", Integer.toString(Ports.free())));
        String template = System.getenv("LOCAL_TEMPLATE"); // lets a developer run the tests against a trimmed template
        if (template != null) {
            given.put("LOCAL_TEMPLATE", template);
        }
        given.putAll(overrides);
        LocalStackProcess stack = launch(LocalSettings.from(given).environment());
        stack.awaitReady();
        return stack;
    }

    /** Starts the stack's JVM with exactly {@code environment} (plus PATH and HOME), without waiting. */
    public static LocalStackProcess launch(Map<String, String> environment) {
        try {
            Path output = Files.createTempFile(Path.of("target"), "local-stack-", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            java,
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            LocalStack.class.getName()))
                    .directory(RepoRoot.path().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            for (String inherited : List.of("PATH", "HOME", "NODE", "NPM", "TMPDIR")) {
                String value = System.getenv(inherited);
                if (value != null) {
                    builder.environment().put(inherited, value);
                }
            }
            builder.environment().putAll(environment);
            return new LocalStackProcess(builder.start(), LocalSettings.from(environment), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local stack's JVM", e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(LocalStack.READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The local stack exited with " + process.exitValue() + ":\n" + output());
            }
            pause(100);
        }
        close();
        throw new IllegalStateException("The local stack was not ready within " + READY_TIMEOUT + ":\n" + output());
    }

    public URI apiUrl() {
        return settings.apiUrl();
    }

    public URI emulatorUrl() {
        return URI.create("http://127.0.0.1:" + settings.emulatorPort());
    }

    /** Waits for the JVM to exit by itself (e.g. after a start failure) and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The local stack did not exit within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the stack's JVM has printed so far. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it, then wait for the JVM to end. */
    @Override
    public void close() {
        Processes.terminate(process, Duration.ofSeconds(60));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
