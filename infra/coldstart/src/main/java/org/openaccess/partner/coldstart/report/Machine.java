package org.openaccess.partner.coldstart.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine and JDK a run happened on, for the report: numbers mean little without them. */
public record Machine(String cpu, int cores, long memoryMiB, String os, String jdk) {

    public static Machine current(Path javaHome) {
        return new Machine(
                firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/meminfo"), "MemTotal")
                        .map(Machine::kibToMib)
                        .orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                jdk(javaHome));
    }

    @Override
    public String toString() {
        return cores + " cores (" + cpu + "), " + memoryMiB + " MiB memory, " + os + ", " + jdk;
    }

    /** The 1, 5 and 15 minute load averages now: other work on the machine makes cold starts slower and noisier. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** From the JDK's {@code release} file, e.g. "Eclipse Adoptium JDK 25.0.1". */
    static String jdk(Path javaHome) {
        Path release = javaHome.resolve("release");
        String implementor = firstValue(release, "IMPLEMENTOR", '=').orElse("");
        String version = firstValue(release, "JAVA_VERSION", '=').orElse(System.getProperty("java.version"));
        return (implementor + " JDK " + version).trim();
    }

    private static Optional<String> firstValue(Path file, String key) {
        return firstValue(file, key, ':');
    }

    private static Optional<String> firstValue(Path file, String key, char separator) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream()
                    .filter(line -> line.startsWith(key) && line.indexOf(separator) > 0)
                    .map(line ->
                            line.substring(line.indexOf(separator) + 1).trim().replace("\"", ""))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kibToMib(String value) {
        return Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024;
    }
}
