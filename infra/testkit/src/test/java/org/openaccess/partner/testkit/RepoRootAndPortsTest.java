package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootAndPortsTest {

    @Test
    void findsTheRepositoryRootFromAModule() {
        Path root = RepoRoot.path();

        assertTrue(Files.isRegularFile(root.resolve("template.yaml")));
        assertTrue(Files.isRegularFile(root.resolve("mvnw")));
        assertEquals(root, RepoRoot.findFrom(root.resolve("infra/testkit/src")));
    }

    @Test
    void saysWhereItLookedWhenThereIsNoRoot(@TempDir Path elsewhere) {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> RepoRoot.findFrom(elsewhere));
        assertTrue(none.getMessage().contains(elsewhere.toString()));
    }

    @Test
    void givesAPortThatCanBeBound() throws IOException {
        int port = Ports.free();
        try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
    }
}
