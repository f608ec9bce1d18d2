package org.openaccess.partner.coldstart.launch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment Lambda's java21 runtime gives a function's process: its reserved variables, then the function's
 * own from the template. Nothing is inherited from the harness, as nothing is on Lambda.
 */
public final class LambdaEnvironment {

    public static final String REGION = "eu-west-1";

    private LambdaEnvironment() {}

    public static Map<String, String> of(
            FunctionDeployment function, String runtimeApi, InitType initType, Path taskRoot, Path runtimeDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", initType == InitType.SNAP_START ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initType.value());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "coldstart/[" + env.get("AWS_LAMBDA_FUNCTION_VERSION") + "]local");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        // Dummy credentials, in the variables through which Lambda passes the execution role's.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.putAll(function.environment());
        return env;
    }
}
