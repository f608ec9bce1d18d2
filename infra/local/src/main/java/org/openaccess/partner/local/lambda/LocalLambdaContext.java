package org.openaccess.partner.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import org.openaccess.partner.testkit.TestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Context of one local invocation: a fresh request id, a deadline of the function's timeout, the stack's log. */
public final class LocalLambdaContext {
    private static final int MEMORY_MB = 1024;

    private LocalLambdaContext() {}

    public static Context of(String functionName, Duration timeout) {
        Logger log = LoggerFactory.getLogger("lambda." + functionName);
        return TestContext.forFunction(functionName, timeout, MEMORY_MB, log::info);
    }
}
