package org.openaccess.partner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIGTERM (what Ctrl-C and service managers send) stops every process and port the stack started. */
@org.junit.jupiter.api.Tag("integration")
class LocalStackShutdownTest {

    @Test
    void sigtermStopsDynaliteAndFreesEveryPort() throws Exception {
        LocalStackProcess stack = LocalStackProcess.startOnFreePorts(Map.of());
        List<ProcessHandle> children = stack.process().descendants().toList();
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.apiUrl().resolve("/demo/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(
                children.stream()
                        .anyMatch(p -> p.info().commandLine().orElse("").contains("dynalite")),
                "dynalite runs as a child: "
                        + children.stream()
                                .map(p -> p.info().commandLine().orElse("?"))
                                .toList());

        stack.close();

        assertFalse(stack.process().isAlive());
        for (ProcessHandle child : children) {
            child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(
                    child.isAlive(),
                    "still running: " + child.info().commandLine().orElse("?"));
        }
        for (int port : List.of(
                stack.settings().apiPort(),
                stack.settings().dynamoDbPort(),
                stack.settings().emulatorPort())) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, free.getLocalPort());
            }
        }
        assertTrue(stack.output().contains("Local stack ready"), stack.output());
        assertFalse(stack.output().contains("10ca1c11e275ec2e710ca1c11e275ec2"), "the client secret is never logged");
        assertFalse(
                stack.output().contains("local-session-key-0123456789abcdef0123"), "the session key is never logged");
    }
}
