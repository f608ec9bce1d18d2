package org.openaccess.partner.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * What {@code sam deploy} uploads for each function of template.yaml: the jar at its CodeUri holds its handler,
 * loadable on its own, fits comfortably in Lambda's limits and carries only what this function needs.
 */
@org.junit.jupiter.api.Tag("integration")
class ArtifactContentsTest {

    /** Far below Lambda's 50 MB zipped limit: a bigger jar means a heavy library slipped in (CRT alone adds ~24 MB). */
    static final long MAX_JAR_BYTES = 20L * 1024 * 1024;

    /** HTTP stacks the project excludes in favour of the URL-connection client (toolchain.md). */
    static final List<String> FORBIDDEN_PREFIXES = List.of(
            "io/netty/",
            "software/amazon/awssdk/crt/",
            "software/amazon/awssdk/http/nio/netty/",
            "software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/apache5/",
            "org/apache/http/",
            "org/apache/hc/");

    static Stream<FunctionArtifact> artifacts() {
        return SamTemplate.load().functions().stream().map(FunctionArtifact::of);
    }

    /** The jar as copied once for this run (see {@link FunctionArtifact#snapshot()}), after checking it exists. */
    private static FunctionArtifact built(FunctionArtifact artifact) {
        assertTrue(
                artifact.exists(),
                artifact.logicalId() + ": CodeUri " + artifact.jar()
                        + " does not exist; build it with ./mvnw -B package -DskipTests");
        return artifact.snapshot();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void codeUriIsABuiltJarHoldingTheHandlerClass(FunctionArtifact template) {
        FunctionArtifact artifact = built(template);
        assertTrue(template.jar().getFileName().toString().endsWith(".jar"), template.jar() + " is not a .jar");
        assertTrue(
                artifact.entries().contains(artifact.handlerEntry()),
                artifact.jar() + " has no " + artifact.handlerEntry() + " (Handler " + artifact.handlerClass() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void handlerLoadsFromTheJarAloneWithAPublicHandleRequest(FunctionArtifact template) throws Exception {
        FunctionArtifact artifact = built(template);
        try (URLClassLoader loader = artifact.isolatedClassLoader()) {
            Class<?> handler = loadUninitialized(artifact, loader);
            assertSame(loader, handler.getClassLoader(), handler + " did not come from the artifact");
            assertTrue(Modifier.isPublic(handler.getModifiers()), handler + " is not public");
            assertFalse(Modifier.isAbstract(handler.getModifiers()), handler + " is abstract");
            Constructor<?> constructor = handler.getConstructor();
            assertTrue(Modifier.isPublic(constructor.getModifiers()), handler + " has no public no-arg constructor");

            List<Method> methods = publicMethods(handler)
                    .filter(m -> m.getName().equals(artifact.handlerMethod()))
                    .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isBridge())
                    .toList();
            assertFalse(methods.isEmpty(), handler + " has no public " + artifact.handlerMethod() + " method");
            methods.forEach(m -> assertTrue(
                    m.getParameterCount() >= 1 && m.getParameterCount() <= 3,
                    m + " does not take an event (and a Context)"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void jarIsAtMostTwentyMegabytes(FunctionArtifact template) {
        FunctionArtifact artifact = built(template);
        long size = artifact.size();
        assertTrue(size <= MAX_JAR_BYTES, artifact.jar() + " is " + size / 1024 / 1024 + " MB, more than 20 MB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void jarHoldsNoOtherFunctionsHandler(FunctionArtifact template) {
        FunctionArtifact artifact = built(template);
        List<String> entries = artifact.entries();
        List<String> others = artifacts()
                .filter(other -> !other.logicalId().equals(artifact.logicalId()))
                .map(FunctionArtifact::handlerEntry)
                .filter(entries::contains)
                .toList();
        assertEquals(List.of(), others, artifact.jar() + " also carries other functions' handlers");
    }

    /** Test code that must never ship: the emulator, the test kit, JUnit. */
    static final List<String> TEST_CODE_PREFIXES =
            List.of("org/openaccess/emulator/", "org/openaccess/partner/testkit/", "org/junit/");

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void jarHoldsNoTestCodeAndNoOtherFunctionsPackage(FunctionArtifact template) {
        FunctionArtifact artifact = built(template);
        List<String> unwanted = new ArrayList<>(TEST_CODE_PREFIXES);
        artifacts()
                .filter(other -> !other.handlerPackageEntry().equals(artifact.handlerPackageEntry()))
                .map(FunctionArtifact::handlerPackageEntry)
                .forEach(unwanted::add);
        List<String> found = artifact.entries().stream()
                .filter(entry -> unwanted.stream().anyMatch(entry::startsWith))
                .limit(5)
                .toList();
        assertEquals(List.of(), found, artifact.jar() + " carries test code or another function's classes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void jarHoldsNoNettyCrtOrApacheHttpClient(FunctionArtifact template) {
        FunctionArtifact artifact = built(template);
        List<String> forbidden = artifact.entries().stream()
                .filter(entry ->
                        FORBIDDEN_PREFIXES.stream().anyMatch(entry::startsWith) || entry.contains("aws-crt-jni"))
                .limit(5)
                .toList();
        assertEquals(List.of(), forbidden, artifact.jar() + " carries an HTTP stack the project excludes");
    }

    /** Not initialized: static initializers may read the environment, which the init test covers. */
    private static Class<?> loadUninitialized(FunctionArtifact artifact, ClassLoader loader) {
        try {
            return Class.forName(artifact.handlerClass(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError(
                    artifact.handlerClass() + " cannot be loaded from " + artifact.jar() + " alone: " + e, e);
        }
    }

    /** Resolving the public methods loads their event, context and response types: all must be in the jar. */
    private static Stream<Method> publicMethods(Class<?> handler) {
        try {
            return Arrays.stream(handler.getMethods());
        } catch (LinkageError e) {
            throw new AssertionError(handler + "'s method signatures need a class missing from its jar: " + e, e);
        }
    }
}
