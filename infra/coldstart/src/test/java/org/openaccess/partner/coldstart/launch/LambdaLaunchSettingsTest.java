package org.openaccess.partner.coldstart.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line and environment a function is started with, compared with what Lambda's java21 runtime uses. */
class LambdaLaunchSettingsTest {

    private final FunctionDeployment function = new FunctionDeployment(
            "callback",
            Path.of("callback-lambda.jar"),
            "org.example.Callback::handleRequest",
            1024,
            Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation", "TABLE", "links"));

    @Test
    void theHeapIsEightyFivePercentOfTheConfiguredMemoryAsOnLambda() {
        assertEquals(445645, LambdaJvmOptions.maxHeapKiB(512), "the heap Lambda gives a 512 MB java21 function");
        assertEquals(891290, LambdaJvmOptions.maxHeapKiB(1024));
    }

    @Test
    void theJvmRunsTheRuntimeClientWithTheBootstrapsOptions() {
        List<String> options = LambdaJvmOptions.forMemory(1024, "/rt/a.jar:/rt/b.jar");

        assertTrue(options.containsAll(List.of(
                "-XX:MaxHeapSize=891290k",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac")));
        assertEquals("/rt/a.jar:/rt/b.jar", options.get(options.indexOf("-classpath") + 1));
    }

    @Test
    void theEnvironmentHoldsLambdasReservedVariablesAndTheFunctionsOwn() {
        Map<String, String> env = LambdaEnvironment.of(
                function, "127.0.0.1:9001", InitType.SNAP_START, Path.of("/tmp/task"), Path.of("/tmp/runtime"));

        assertEquals("org.example.Callback::handleRequest", env.get("_HANDLER"));
        assertEquals("callback", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("snap-start", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        assertEquals(":UTC", env.get("TZ"));
        assertEquals("/tmp/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("links", env.get("TABLE"));
        assertEquals("-XX:+TieredCompilation", env.get("JAVA_TOOL_OPTIONS"));
    }
}
