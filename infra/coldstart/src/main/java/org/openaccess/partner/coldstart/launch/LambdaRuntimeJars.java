package org.openaccess.partner.coldstart.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The runtime's own jars, which Lambda keeps in {@code /var/runtime/lib} and puts on the JVM's classpath: the real
 * runtime interface client, {@code aws-lambda-java-core} and {@code aws-lambda-java-serialization}.
 * The build copies them into {@code infra/coldstart/target/lambda-runtime}.
 */
public record LambdaRuntimeJars(Path directory, List<Path> jars) {

    public LambdaRuntimeJars {
        jars = List.copyOf(jars);
    }

    public static LambdaRuntimeJars in(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            boolean hasClient = jars.stream()
                    .anyMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"));
            if (!hasClient) {
                throw new IllegalStateException("no runtime interface client jar in " + directory
                        + ": build the module first (./mvnw -pl infra/coldstart -am package)");
            }
            return new LambdaRuntimeJars(directory.toAbsolutePath(), jars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Lambda runtime jars in " + directory, e);
        }
    }

    public String classpath() {
        return jars.stream().map(j -> j.toAbsolutePath().toString()).collect(Collectors.joining(":"));
    }
}
