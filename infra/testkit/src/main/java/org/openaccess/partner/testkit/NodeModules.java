package org.openaccess.partner.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The repository's Node.js packages (package.json + package-lock.json), installed on first use. */
final class NodeModules {

    private static final Logger LOG = LoggerFactory.getLogger(NodeModules.class);
    private static final List<String> NODE_LOCATIONS =
            List.of("/usr/bin/node", "/usr/local/bin/node", "/opt/homebrew/bin/node");
    private static final Object IN_PROCESS_LOCK = new Object();

    private NodeModules() {}

    /** Runs `npm ci` in {@code root} unless dynalite is already installed; parallel JVMs take turns via a file lock. */
    static void ensureInstalled(Path root) {
        if (isInstalled(root)) {
            return;
        }
        Path lockFile = Path.of(
                System.getProperty("java.io.tmpdir"),
                "openaccess-npm-ci-" + Integer.toHexString(root.toString().hashCode()) + ".lock");
        synchronized (IN_PROCESS_LOCK) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!isInstalled(root)) {
                    npmCi(root);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not lock " + lockFile + " to install Node.js packages", e);
            }
        }
    }

    static boolean isInstalled(Path root) {
        return Files.isRegularFile(root.resolve("node_modules/dynalite/cli.js"));
    }

    /** The `node` executable: $NODE, else the first `node` on PATH or in the usual places. */
    static String nodeExecutable() {
        return executable("NODE", "node", NODE_LOCATIONS, System.getenv());
    }

    private static String npmExecutable() {
        return executable(
                "NPM",
                "npm",
                NODE_LOCATIONS.stream().map(p -> p.replace("/node", "/npm")).toList(),
                System.getenv());
    }

    static String executable(String override, String name, List<String> usualPlaces, Map<String, String> environment) {
        String configured = environment.get(override);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String pathVariable = environment.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String place : usualPlaces) {
            if (Files.isExecutable(Path.of(place))) {
                return place;
            }
        }
        throw new IllegalStateException("Node.js is missing: no '" + name + "' on PATH or in " + usualPlaces
                + ". Install Node.js >= 18 (e.g. apt-get install -y nodejs npm) or set $" + override + ".");
    }

    private static void npmCi(Path root) {
        LOG.info("Installing Node.js packages with npm ci in {}", root);
        try {
            Path log = Files.createTempFile("npm-ci-", ".log");
            Process npm = new ProcessBuilder(npmExecutable(), "ci", "--no-audit", "--no-fund")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm ci did not finish within 10 minutes in " + root + ": " + tail(log));
            }
            if (npm.exitValue() != 0 || !isInstalled(root)) {
                throw new IllegalStateException(
                        "npm ci failed (exit " + npm.exitValue() + ") in " + root + ": " + tail(log));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run npm ci in " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running npm ci", e);
        }
    }

    /** The last lines of a process log, for error messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
