package org.openaccess.partner.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.openaccess.partner.coldstart.launch.LambdaRuntimeJars;

/** Where the build put the runtime's jars and the baseline artifact (see the module's pom). */
public final class HarnessPaths {

    private HarnessPaths() {}

    public static LambdaRuntimeJars runtimeJars() {
        return LambdaRuntimeJars.in(Path.of(System.getProperty("coldstart.runtime.dir", "target/lambda-runtime")));
    }

    public static Path helloArtifact() {
        Path dir = Path.of(System.getProperty("coldstart.hello.dir", "target/hello"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith("-hello-lambda.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hello-lambda jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
