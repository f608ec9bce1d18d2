package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** The Lambda context of a priming request: marked as such, and its log line is dropped (it is not traffic). */
final class PrimingContext implements Context {
    static final PrimingContext INSTANCE = new PrimingContext();

    private static final LambdaLogger DISCARD = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}

        @Override
        public void log(String message, LogLevel level) {}
    };

    @Override
    public String getAwsRequestId() {
        return "priming";
    }

    @Override
    public String getLogGroupName() {
        return "priming";
    }

    @Override
    public String getLogStreamName() {
        return "priming";
    }

    @Override
    public String getFunctionName() {
        return "priming";
    }

    @Override
    public String getFunctionVersion() {
        return "priming";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "priming";
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
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return DISCARD;
    }
}
