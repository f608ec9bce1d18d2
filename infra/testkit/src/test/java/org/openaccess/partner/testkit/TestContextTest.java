package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestContextTest {

    @Test
    void countsDownToItsDeadline() throws InterruptedException {
        TestContext context = TestContext.forFunction("push", Duration.ofSeconds(60));
        int first = context.getRemainingTimeInMillis();
        assertTrue(first <= 60_000 && first > 0);

        Thread.sleep(30);

        assertTrue(context.getRemainingTimeInMillis() < first);
    }

    @Test
    void hasNoTimeLeftPastItsDeadline() {
        assertEquals(0, TestContext.forFunction("push", Duration.ZERO).getRemainingTimeInMillis());
        assertEquals(0, TestContext.forFunction("push", Duration.ofSeconds(-5)).getRemainingTimeInMillis());
    }

    @Test
    void describesTheFunction() {
        TestContext context = TestContext.forFunction("callback", Duration.ofSeconds(15), 1024);

        assertEquals("callback", context.getFunctionName());
        assertEquals(1024, context.getMemoryLimitInMB());
        assertEquals("/aws/lambda/callback", context.getLogGroupName());
        assertTrue(context.getInvokedFunctionArn().endsWith(":function:callback:live"));
        assertNotEquals(context.getAwsRequestId(), TestContext.create().getAwsRequestId());
    }

    @Test
    void capturesWhatTheFunctionLogs() {
        TestContext context = TestContext.create();

        context.getLogger().log("{\"outcome\":\"linked\"}");
        context.getLogger().log("bytes".getBytes(StandardCharsets.UTF_8));
        context.getLogger().log("warned", LogLevel.WARN);

        assertEquals(List.of("{\"outcome\":\"linked\"}", "bytes", "warned"), context.loggedLines());
        assertTrue(context.logs().contains("linked"));
        assertTrue(TestContext.create().logs().isEmpty());
    }

    @Test
    void aBenchmarksContextKeepsNoLogLine() {
        TestContext context = TestContext.keepingNoLogs("bench", Duration.ofHours(1));

        context.getLogger().log("{\"outcome\":\"linked\"}");

        assertTrue(context.loggedLines().isEmpty());
        assertEquals("bench", context.getFunctionName());
        assertTrue(context.getRemainingTimeInMillis() > 3_500_000);
    }
}
