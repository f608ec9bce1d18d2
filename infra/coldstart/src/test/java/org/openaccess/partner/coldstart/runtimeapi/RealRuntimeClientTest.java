package org.openaccess.partner.coldstart.runtimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaccess.partner.coldstart.HarnessPaths;
import org.openaccess.partner.coldstart.launch.FunctionDeployment;
import org.openaccess.partner.coldstart.launch.InitType;
import org.openaccess.partner.coldstart.launch.LambdaJvm;
import org.openaccess.partner.coldstart.launch.LambdaJvmLauncher;

/** The hello-world artifact run by the real runtime interface client against the local Runtime API. */
@org.junit.jupiter.api.Tag("integration")
class RealRuntimeClientTest {

    private static final Duration GENEROUS = Duration.ofMinutes(2);
    private static final String HELLO_HANDLER = "org.openaccess.partner.coldstart.hello.HelloHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    private FunctionDeployment hello(String handler) {
        return new FunctionDeployment("hello", HarnessPaths.helloArtifact(), handler, 512, Map.of());
    }

    private LambdaJvmLauncher launcher;

    @BeforeEach
    void createLauncher() {
        launcher = new LambdaJvmLauncher(HarnessPaths.javaHome(), HarnessPaths.runtimeJars(), logs);
    }

    @AfterEach
    void removeTaskRoots() {
        launcher.close();
    }

    @Test
    void theRuntimeClientAsksForAnEventAndPostsTheHandlersAnswerBack() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start("hello");
                LambdaJvm jvm = launcher.launch(hello(HELLO_HANDLER), api.address(), InitType.ON_DEMAND)) {
            long firstPoll = api.awaitFirstPoll(GENEROUS, jvm::isAlive);
            assertTrue(firstPoll > jvm.startedAt(), "init ends after the process started");

            InvocationResult result = api.invoke(bytes("{\"rawPath\":\"/hello\"}"), GENEROUS, jvm::isAlive);

            assertFalse(result.error(), result.bodyText());
            JsonNode answer = JSON.readTree(result.body());
            assertEquals(200, answer.get("statusCode").asInt());
            assertEquals("hello from /hello", answer.get("body").asText());
            assertFalse(answer.get("primed").asBoolean(), "an on-demand start runs no priming hook");
            assertFalse(api.checkpointReached());
            assertTrue(result.latencyNanos() > 0);
        }
    }

    @Test
    void eachEventGetsItsOwnAnswerInTurn() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start("hello");
                LambdaJvm jvm = launcher.launch(hello(HELLO_HANDLER), api.address(), InitType.ON_DEMAND)) {
            api.awaitFirstPoll(GENEROUS, jvm::isAlive);
            for (int i = 0; i < 20; i++) {
                InvocationResult result = api.invoke(bytes("{\"rawPath\":\"/n" + i + "\"}"), GENEROUS, jvm::isAlive);
                assertEquals(
                        "hello from /n" + i,
                        JSON.readTree(result.body()).get("body").asText());
            }
            assertTrue(jvm.peakRssKiB().orElseThrow() > 10_000, "a JVM's resident set is above 10 MB");
        }
    }

    @Test
    void snapStartRunsThePrimingHooksAndAsksToBeRestoredBeforeTheFirstEvent() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start("hello");
                LambdaJvm jvm = launcher.launch(hello(HELLO_HANDLER), api.address(), InitType.SNAP_START)) {
            long checkpoint = api.awaitCheckpoint(GENEROUS, jvm::isAlive);
            long firstPoll = api.awaitFirstPoll(GENEROUS, jvm::isAlive);
            assertTrue(checkpoint < firstPoll, "restore comes before the first event");

            InvocationResult result = api.invoke(bytes("{\"rawPath\":\"/after-restore\"}"), GENEROUS, jvm::isAlive);

            JsonNode answer = JSON.readTree(result.body());
            assertTrue(answer.get("primed").asBoolean(), "the org.crac hook ran through Lambda's CRaC compat");
            assertEquals("hello from /after-restore", answer.get("body").asText());
        }
    }

    @Test
    void anEventTheHandlerCannotReadComesBackAsAnErrorNotAnAnswer() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start("hello");
                LambdaJvm jvm = launcher.launch(hello(HELLO_HANDLER), api.address(), InitType.ON_DEMAND)) {
            api.awaitFirstPoll(GENEROUS, jvm::isAlive);

            InvocationResult result = api.invoke(bytes("[1, 2, 3]"), GENEROUS, jvm::isAlive);

            assertTrue(result.error(), result.bodyText());
            assertTrue(jvm.isAlive(), "a bad event does not end the runtime");
            InvocationResult next = api.invoke(bytes("{\"rawPath\":\"/still-here\"}"), GENEROUS, jvm::isAlive);
            assertFalse(next.error());
        }
    }

    @Test
    void aHandlerClassThatIsNotInTheArtifactFailsEveryInvocation() throws Exception {
        try (LocalRuntimeApi api = LocalRuntimeApi.start("hello");
                LambdaJvm jvm = launcher.launch(
                        hello("org.example.Missing::handleRequest"), api.address(), InitType.ON_DEMAND)) {
            api.awaitFirstPoll(GENEROUS, jvm::isAlive);

            InvocationResult result = api.invoke(bytes("{}"), GENEROUS, jvm::isAlive);

            assertTrue(result.error());
            assertTrue(result.bodyText().contains("org.example.Missing"), result.bodyText());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
