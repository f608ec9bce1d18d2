package org.openaccess.partner.deployment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child JVM per case with a function's jar and one probe class on its class path and exactly the given
 * environment, as Lambda starts the function's init phase, and returns what the probe reported:
 * {@link HandlerInitProbe} (init only) or {@link HttpRequestProbe} (init, then one API Gateway request).
 */
final class HandlerInit {
    /** A safety net for a hung child, not a speed requirement: init takes seconds. */
    private static final long GIVE_UP_MINUTES = 5;

    /** Probe class -> a directory holding only its class file. */
    private static final Map<Class<?>, Path> PROBE_CLASSES = new HashMap<>();

    private HandlerInit() {}

    /** What the child reported. */
    record Result(int exitCode, String output) {
        boolean ready() {
            return exitCode == 0 && lines().contains(HandlerInitProbe.READY);
        }

        /** The probe reported a failed init (exit 1), as opposed to a JVM that could not start at all. */
        boolean failedCleanly() {
            return exitCode == 1 && lines().contains(HandlerInitProbe.FAILED);
        }

        List<String> jvmOptions() {
            return lines().stream()
                    .filter(l -> l.startsWith(HandlerInitProbe.JVM_OPTIONS))
                    .flatMap(l -> Arrays.stream(
                            l.substring(HandlerInitProbe.JVM_OPTIONS.length()).split(" ")))
                    .filter(o -> !o.isEmpty())
                    .toList();
        }

        List<String> lines() {
            return output.lines().map(String::strip).toList();
        }
    }

    static Result run(FunctionArtifact artifact, Map<String, String> environment) {
        return run(artifact, environment, HandlerInitProbe.class, List.of(artifact.handlerClass()));
    }

    /** Init, then one GET of {@code path} (with {@code query}); the output's first line is the probe's answer. */
    static Result request(
            FunctionArtifact artifact, Map<String, String> environment, String path, Map<String, String> query) {
        List<String> arguments = new ArrayList<>(List.of(artifact.handlerClass(), path));
        query.forEach((name, value) -> arguments.addAll(List.of(name, value)));
        return run(artifact, environment, HttpRequestProbe.class, arguments);
    }

    private static Result run(
            FunctionArtifact artifact, Map<String, String> environment, Class<?> probe, List<String> arguments) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(() -> new IllegalStateException("The test JVM's java binary is unknown"));
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", artifact.jar() + File.pathSeparator + probeClasses(probe), probe.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        artifact.logicalId() + " init did not end within " + GIVE_UP_MINUTES + " minutes");
            }
            return new Result(process.exitValue(), output.get());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the child's output", e.getCause());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory holding only the probe's class file, so the child's class path is the jar plus that. */
    private static synchronized Path probeClasses(Class<?> probe) {
        Path existing = PROBE_CLASSES.get(probe);
        if (existing != null) {
            return existing;
        }
        String entry = probe.getName().replace('.', '/') + ".class";
        try (InputStream in = probe.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("No " + entry + " among the test classes");
            }
            // Under target/ (surefire runs in the module's directory): cleaned with the build, not left in /tmp.
            Path directory = Path.of("target", "probe-" + probe.getSimpleName()).toAbsolutePath();
            Path file = directory.resolve(entry);
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            PROBE_CLASSES.put(probe, directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the probe class", e);
        }
    }
}
