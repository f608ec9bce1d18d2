package org.openaccess.partner.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Priming's AWS calls as the SDK makes them on Lambda, where each carries the invocation's trace id: run in a
 * surefire fork with AWS_LAMBDA_FUNCTION_NAME set (core's pom), which is what turns the SDK's trace-id path on.
 */
class PrimingOnLambdaTest {

    @Test
    void everyPrimingCallCarriesTheThrowawayTraceIdAndNoneIsLeftBehind() {
        CannedAwsConnections answers = new CannedAwsConnections();
        int answered = WarmUp.awsSdkCalls("member-1", 2, answers);
        assertEquals(8 * 2, answered);
        assertEquals(answered, answers.traced(), "each call went through the SDK's trace-id path");
        assertNull(SdkInternalThreadLocal.get(ThrowawayTraceId.SDK_KEY), "the first real invocation brings its own");
    }
}
