package org.openaccess.partner.coldstart.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Starts a function's deployment artifact in a fresh JVM as Lambda's java21 runtime does: the artifact unzipped into
 * a task root that is the working directory, the runtime's jars on the classpath, the bootstrap's JVM options, the
 * runtime interface client's main class with the handler string, and Lambda's environment.
 */
public final class LambdaJvmLauncher {

    private final Path javaExecutable;
    private final LambdaRuntimeJars runtimeJars;
    private final Path logDirectory;

    public LambdaJvmLauncher(Path javaHome, LambdaRuntimeJars runtimeJars, Path logDirectory) {
        this.javaExecutable = javaHome.resolve("bin").resolve("java");
        this.runtimeJars = runtimeJars;
        this.logDirectory = logDirectory;
    }

    public LambdaJvm launch(FunctionDeployment function, String runtimeApi, InitType initType) throws IOException {
        Path taskRoot = Files.createTempDirectory("lambda-task-" + function.name() + "-");
        unzip(function.artifact(), taskRoot);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(function.name() + "-" + initType.value() + ".log");

        ProcessBuilder builder = new ProcessBuilder(command(function))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(
                LambdaEnvironment.of(function, runtimeApi, initType, taskRoot, runtimeJars.directory()));
        long startedAt = System.nanoTime();
        Process process = builder.start();
        return new LambdaJvm(process, startedAt, taskRoot, log);
    }

    /** The whole command line, for the report and for reproducing one run by hand. */
    public List<String> command(FunctionDeployment function) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(LambdaJvmOptions.forMemory(function.memoryMb(), runtimeJars.classpath()));
        command.add(LambdaJvmOptions.RUNTIME_MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    /** Lambda unzips the deployment package into {@code /var/task}; a jar is a zip. */
    static void unzip(Path artifact, Path target) throws IOException {
        try (InputStream file = Files.newInputStream(artifact); ZipInputStream zip = new ZipInputStream(file)) {
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
