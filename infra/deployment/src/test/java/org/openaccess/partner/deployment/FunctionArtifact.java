package org.openaccess.partner.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.openaccess.partner.testkit.RepoRoot;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * One function's deployment artifact as template.yaml names it: the jar at its CodeUri (resolved from the
 * repository root, as {@code sam deploy} resolves it) and the handler class and method of its Handler.
 */
record FunctionArtifact(String logicalId, Path jar, String handlerClass, String handlerMethod) {
    private static final Map<String, FunctionArtifact> SNAPSHOTS = new ConcurrentHashMap<>();

    static FunctionArtifact of(SamTemplate.Function function) {
        String handler = function.handler();
        int separator = handler.indexOf("::");
        String type = separator < 0 ? handler : handler.substring(0, separator);
        // Lambda's Java runtime calls handleRequest when the Handler names only a class.
        String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        return new FunctionArtifact(
                function.logicalId(),
                RepoRoot.path().resolve(function.codeUri()).normalize(),
                type,
                method);
    }

    /** The handler's class file inside the jar, e.g. {@code org/openaccess/partner/push/EntitlementPushHandler.class}. */
    String handlerEntry() {
        return handlerClass.replace('.', '/') + ".class";
    }

    /** The directory of the handler's package inside the jar, e.g. {@code org/openaccess/partner/push/}. */
    String handlerPackageEntry() {
        String entry = handlerEntry();
        return entry.substring(0, entry.lastIndexOf('/') + 1);
    }

    boolean exists() {
        return Files.isRegularFile(jar);
    }

    long size() {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + jar, e);
        }
    }

    /** Every entry name of the jar (opening it also proves it is a readable jar). */
    List<String> entries() {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " is not a readable jar", e);
        }
    }

    /**
     * This artifact as a copy under target/, taken once per test JVM: the child JVMs read a jar that a parallel
     * build of the function module cannot rewrite under them half-way through a run.
     */
    FunctionArtifact snapshot() {
        return SNAPSHOTS.computeIfAbsent(logicalId, id -> {
            Path copy =
                    Path.of("target", "artifacts", jar.getFileName().toString()).toAbsolutePath();
            try {
                Files.createDirectories(copy.getParent());
                copyOnceUnchanged(copy);
                return new FunctionArtifact(logicalId, copy, handlerClass, handlerMethod);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not copy " + jar, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while copying " + jar, e);
            }
        });
    }

    /** Copies the jar, again if it changed while being copied (a build was writing it); a few tries at most. */
    private void copyOnceUnchanged(Path copy) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            FileTime before = Files.getLastModifiedTime(jar);
            long sizeBefore = Files.size(jar);
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            if (before.equals(Files.getLastModifiedTime(jar))
                    && sizeBefore == Files.size(jar)
                    && Files.size(copy) == sizeBefore) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException(jar + " kept changing while being copied: is a build still writing it?");
    }

    /**
     * A class loader over this jar alone, with the platform class loader as parent, as Lambda's runtime loads
     * the code: nothing of the build's class path can stand in for a class missing from the artifact.
     */
    URLClassLoader isolatedClassLoader() {
        try {
            return new URLClassLoader(
                    "artifact-" + logicalId, new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("No URL for " + jar, e);
        }
    }
}
