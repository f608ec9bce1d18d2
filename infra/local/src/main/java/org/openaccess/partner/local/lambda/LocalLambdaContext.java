package org.openaccess.partner.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Context of one local invocation: a fresh request id and a deadline of the function's timeout. */
public final class LocalLambdaContext implements Context {

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineMillis;
    private final LambdaLogger logger;

    public LocalLambdaContext(String functionName, Duration timeout) {
        this.functionName = functionName;
        this.deadlineMillis = System.currentTimeMillis() + timeout.toMillis();
        Logger log = LoggerFactory.getLogger("lambda." + functionName);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.info(message);
            }

            @Override
            public void log(byte[] message) {
                log.info(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
