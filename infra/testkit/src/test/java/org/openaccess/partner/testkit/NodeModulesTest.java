package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("integration")
class NodeModulesTest {

    @Test
    void installsThePinnedDynaliteFromTheLockFileForParallelCallers(@TempDir Path checkout) throws IOException {
        Path root = RepoRoot.path();
        Files.copy(root.resolve("package.json"), checkout.resolve("package.json"));
        Files.copy(root.resolve("package-lock.json"), checkout.resolve("package-lock.json"));
        assertFalse(NodeModules.isInstalled(checkout));

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> NodeModules.ensureInstalled(checkout));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> NodeModules.ensureInstalled(checkout));
        first.join();
        second.join();

        assertTrue(NodeModules.isInstalled(checkout));
        String version = new ObjectMapper()
                .readTree(checkout.resolve("node_modules/dynalite/package.json").toFile())
                .path("version")
                .asText();
        assertEquals("4.0.0", version);
    }

    @Test
    void saysClearlyWhenNodeIsMissing(@TempDir Path emptyDir) {
        IllegalStateException missing = assertThrows(
                IllegalStateException.class,
                () -> NodeModules.executable(
                        "NODE",
                        "node",
                        List.of(emptyDir.resolve("node").toString()),
                        Map.of("PATH", emptyDir.toString())));

        assertTrue(missing.getMessage().startsWith("Node.js is missing"), missing.getMessage());
        assertTrue(missing.getMessage().contains("$NODE"));
    }

    @Test
    void prefersAnExplicitlyConfiguredNode(@TempDir Path emptyDir) {
        assertEquals(
                "/opt/node22/bin/node",
                NodeModules.executable(
                        "NODE",
                        "node",
                        List.of(),
                        Map.of("NODE", "/opt/node22/bin/node", "PATH", emptyDir.toString())));
    }
}
