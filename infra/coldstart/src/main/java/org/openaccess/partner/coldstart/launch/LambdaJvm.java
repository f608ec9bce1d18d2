package org.openaccess.partner.coldstart.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A running function process, started the way Lambda starts one; closing it ends it.
 *
 * @param process   the function's JVM
 * @param startedAt {@link System#nanoTime()} just before the process was started
 * @param log       where the function's stdout and stderr (its log lines) went
 */
public record LambdaJvm(Process process, long startedAt, Path log) implements AutoCloseable {

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Peak resident set size so far ({@code VmHWM} in {@code /proc/<pid>/status}), as Lambda's "Max Memory Used". */
    public OptionalLong peakRssKiB() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            List<String> lines = Files.readAllLines(status);
            return lines.stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
