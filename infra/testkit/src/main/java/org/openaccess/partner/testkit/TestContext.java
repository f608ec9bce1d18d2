package org.openaccess.partner.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Lambda {@link Context} for invoking handlers in tests: a fresh request id, a deadline that counts down in real
 * time, and a logger whose lines tests can read (e.g. to assert that no secret was logged).
 */
public final class TestContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final int memoryMb;
    private final long deadlineNanos;
    private final CapturingLogger logger;

    private TestContext(String functionName, Duration timeout, int memoryMb) {
        this(functionName, timeout, memoryMb, new CapturingLogger(line -> {}, true));
    }

    private TestContext(String functionName, Duration timeout, int memoryMb, CapturingLogger logger) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.logger = logger;
    }

    /** A context for a 15 s, 512 MB function named "test-function". */
    public static TestContext create() {
        return new TestContext("test-function", Duration.ofSeconds(15), 512);
    }

    public static TestContext forFunction(String functionName, Duration timeout) {
        return new TestContext(functionName, timeout, 512);
    }

    public static TestContext forFunction(String functionName, Duration timeout, int memoryMb) {
        return new TestContext(functionName, timeout, memoryMb);
    }

    /** As {@link #forFunction(String, Duration, int)}, and each logged line also goes to {@code alsoTo}. */
    public static TestContext forFunction(
            String functionName, Duration timeout, int memoryMb, Consumer<String> alsoTo) {
        return new TestContext(functionName, timeout, memoryMb, new CapturingLogger(alsoTo, true));
    }

    /**
     * A 512 MB function's context whose logger keeps no line (a benchmark sends millions of requests through one
     * context): {@link #loggedLines()} stays empty.
     */
    public static TestContext keepingNoLogs(String functionName, Duration timeout) {
        return new TestContext(functionName, timeout, 512, new CapturingLogger(line -> {}, false));
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
        return "2026/01/01/[$LATEST]" + requestId.replace("-", "");
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
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName + ":live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** Milliseconds left until the deadline, counting down in real time (0 once passed). */
    @Override
    public int getRemainingTimeInMillis() {
        long left = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public CapturingLogger getLogger() {
        return logger;
    }

    /** Everything logged through {@link #getLogger()}, one entry per call. */
    public List<String> loggedLines() {
        return logger.lines();
    }

    /** Everything logged through {@link #getLogger()}, joined by newlines. */
    public String logs() {
        return String.join("\n", logger.lines());
    }

    /** A {@link LambdaLogger} that keeps what it is given (unless made to keep nothing). */
    public static final class CapturingLogger implements LambdaLogger {
        private final List<String> lines = new ArrayList<>();
        private final Consumer<String> alsoTo;
        private final boolean keeps;

        CapturingLogger(Consumer<String> alsoTo, boolean keeps) {
            this.alsoTo = alsoTo;
            this.keeps = keeps;
        }

        @Override
        public synchronized void log(String message) {
            if (keeps) {
                lines.add(message);
            }
            alsoTo.accept(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            log(message);
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
