package org.openaccess.partner.core.wiring;

import java.util.function.Supplier;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The X-Ray trace id priming's AWS calls carry. On Lambda every invocation has one, and the SDK copies it into each
 * AWS request (its trace-id interceptor, which then rebuilds the request); priming has none, so without this that
 * path, with its classes and lambdas, ran for the first time on the first request after a restore (about 2.5 ms of
 * class loading in its profile, docs/performance.md). The id is all zeros, marked not sampled: it names no trace.
 */
final class ThrowawayTraceId {
    /** Where the SDK looks first for the invocation's trace id (it falls back to the runtime's system property). */
    static final String SDK_KEY = "AWS_LAMBDA_X_TRACE_ID";

    static final String VALUE = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";

    private ThrowawayTraceId() {}

    /** Runs {@code calls} with the throwaway id set on this thread, then puts back what was there (normally none). */
    static <T> T around(Supplier<T> calls) {
        String before = SdkInternalThreadLocal.get(SDK_KEY);
        SdkInternalThreadLocal.put(SDK_KEY, VALUE);
        try {
            return calls.get();
        } finally {
            if (before == null) {
                SdkInternalThreadLocal.remove(SDK_KEY);
            } else {
                SdkInternalThreadLocal.put(SDK_KEY, before);
            }
        }
    }
}
