package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * What Spotify's example partner (Node.js 20, node-fetch 2) does: "Connection: close" on each request through a
 * keep-alive agent. Before the emulator echoed "Connection: close", every second call failed with "socket hang up".
 */
@Tag("integration")
class NodeKeepAliveClientTest {
    private static final int CALLS = 8;

    @RegisterExtension
    static final SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void everyCallOfANodeKeepAliveClientSayingConnectionCloseSucceeds() throws Exception {
        Process node = new ProcessBuilder(List.of(
                        node(),
                        Path.of("src/test/node/keep-alive-client.js").toString(),
                        spotify.baseUrl() + "/_emulator/state",
                        Integer.toString(CALLS)))
                .redirectErrorStream(true)
                .start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the Node.js client did not finish within 60 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode results = SpotifyCaller.JSON.readTree(output);
        assertThat(results).as(output).hasSize(CALLS);
        for (JsonNode result : results) {
            assertThat(result.path("error").isMissingNode()).as(output).isTrue();
            assertThat(result.path("status").asInt()).as(output).isEqualTo(200);
            assertThat(result.path("connection").asText()).as(output).isEqualTo("close");
        }
    }

    private static String node() throws IOException {
        String configured = System.getenv("NODE");
        return configured != null && !configured.isBlank() ? configured : "node";
    }
}
