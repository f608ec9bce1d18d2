package org.openaccess.partner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.testkit.Ports;

/** How the stack's JVM fails to start: a readable line and a non-zero exit, never a stack trace. */
@org.junit.jupiter.api.Tag("integration")
class LocalStackLauncherTest {

    @Test
    void aTakenPortIsNamedWithTheSettingThatChoosesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = LocalSettings.from(Map.of(
                            "LOCAL_API_PORT", Integer.toString(taken.getLocalPort()),
                            "LOCAL_DYNAMODB_PORT", Integer.toString(Ports.free()),
                            "EMULATOR_PORT", Integer.toString(Ports.free())))
                    .environment();
            LocalStackProcess stack = LocalStackProcess.launch(env);

            assertEquals(1, stack.awaitExit(Duration.ofMinutes(2)));
            assertTrue(
                    stack.output()
                            .contains("local stack: Port " + taken.getLocalPort()
                                    + " (LOCAL_API_PORT) is already in use"),
                    stack.output());
            assertTrue(!stack.output().contains("\tat "), "no stack trace:\n" + stack.output());
        }
    }

    @Test
    void withoutTheFunctionsEnvironmentItSaysToUseRunLocal() {
        Map<String, String> env =
                new HashMap<>(LocalSettings.from(Map.of("LOCAL_API_PORT", Integer.toString(Ports.free())))
                        .environment());
        env.remove("CALLBACK_URL");
        env.remove("LINKS_TABLE");
        LocalStackProcess stack = LocalStackProcess.launch(env);

        assertEquals(1, stack.awaitExit(Duration.ofMinutes(2)));
        assertTrue(stack.output().contains("Start it with ./run-local"), stack.output());
        assertTrue(stack.output().contains("CALLBACK_URL") && stack.output().contains("LINKS_TABLE"), stack.output());
        assertTrue(!stack.output().contains("10ca1c11e275ec2e710ca1c11e275ec2"), "the client secret is never printed");
    }
}
