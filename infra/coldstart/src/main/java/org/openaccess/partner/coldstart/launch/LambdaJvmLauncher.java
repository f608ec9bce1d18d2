package org.openaccess.partner.coldstart.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Starts a function's deployment artifact in a fresh JVM as Lambda's java21 runtime does: the artifact unzipped into
 * a task root that is the working directory, the runtime's jars on the classpath, the bootstrap's JVM options, the
 * runtime interface client's main class with the handler string, and Lambda's environment.
 */
public final class LambdaJvmLauncher implements AutoCloseable {

    private static final int UNZIP_ATTEMPTS = 3;
    private static final Duration UNZIP_RETRY_PAUSE = Duration.ofSeconds(5);

    private final Path javaExecutable;
    private final LambdaRuntimeJars runtimeJars;
    private final Path logDirectory;
    /** Options added before the main class, for profiling a run (never part of a measured table's defaults). */
    private final List<String> extraOptions;
    /** Artifact -> its unzipped task root: unzipped once, as unzipping is not part of Lambda's init. */
    private final Map<Path, Path> taskRoots = new ConcurrentHashMap<>();

    public LambdaJvmLauncher(Path javaHome, LambdaRuntimeJars runtimeJars, Path logDirectory) {
        this(javaHome, runtimeJars, logDirectory, List.of());
    }

    public LambdaJvmLauncher(
            Path javaHome, LambdaRuntimeJars runtimeJars, Path logDirectory, List<String> extraOptions) {
        this.javaExecutable = javaHome.resolve("bin").resolve("java");
        this.runtimeJars = runtimeJars;
        this.logDirectory = logDirectory;
        this.extraOptions = List.copyOf(extraOptions);
    }

    public LambdaJvm launch(FunctionDeployment function, String runtimeApi, InitType initType) throws IOException {
        Path taskRoot = taskRoot(function);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(function.name() + "-" + initType.value() + ".log");

        ProcessBuilder builder = new ProcessBuilder(command(function))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment()
                .putAll(LambdaEnvironment.of(function, runtimeApi, initType, taskRoot, runtimeJars.directory()));
        long startedAt = System.nanoTime();
        Process process = builder.start();
        return new LambdaJvm(process, startedAt, log);
    }

    /** Removes the unzipped task roots. */
    @Override
    public void close() {
        taskRoots.values().forEach(LambdaJvmLauncher::deleteTree);
        taskRoots.clear();
    }

    private Path taskRoot(FunctionDeployment function) throws IOException {
        Path artifact = function.artifact().toAbsolutePath();
        Path existing = taskRoots.get(artifact);
        if (existing != null) {
            return existing;
        }
        for (int attempt = 1; ; attempt++) {
            Path taskRoot = Files.createTempDirectory("lambda-task-" + function.name() + "-");
            try {
                unzip(artifact, taskRoot);
                taskRoots.put(artifact, taskRoot);
                return taskRoot;
            } catch (IOException e) {
                // A build may be rewriting the jar this moment: wait for it to finish, then read it again.
                deleteTree(taskRoot);
                if (attempt == UNZIP_ATTEMPTS) {
                    throw e;
                }
                pause(UNZIP_RETRY_PAUSE);
            }
        }
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to read the artifact again", e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** The whole command line, for the report and for reproducing one run by hand. */
    public List<String> command(FunctionDeployment function) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(LambdaJvmOptions.forMemory(function.memoryMb(), runtimeJars.classpath()));
        command.addAll(extraOptions);
        command.add(LambdaJvmOptions.RUNTIME_MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    /** Lambda unzips the deployment package into {@code /var/task}; a jar is a zip. */
    static void unzip(Path artifact, Path target) throws IOException {
        try (InputStream file = Files.newInputStream(artifact);
                ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry outside the task root in " + artifact + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(zip, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
