package org.openaccess.partner.core.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.testkit.Dynalite;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * DynamoDB's answers when it is overloaded, on the wire of a real SDK client to the shared dynalite (which never
 * throttles): the next {@code n} calls of an operation answered 400 with a throttling error, or a BatchGetItem
 * whose found items come back as unprocessed keys instead. The client makes no retries of its own, so a test sees
 * exactly what the code under test does about it.
 */
public final class DynamoWire implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> throttled = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger unprocessedBatches = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final String throttlingCode;

    private DynamoWire(String throttlingCode) {
        this.throttlingCode = throttlingCode;
    }

    public static DynamoWire answering(String throttlingCode) {
        return new DynamoWire(throttlingCode);
    }

    public DynamoDbClient client() {
        return Dynalite.clientFor(
                Dynalite.shared().endpoint(),
                c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(this));
    }

    /** The next {@code n} calls of {@code operation} (e.g. "Scan") are throttled. */
    public DynamoWire throttleNext(String operation, int n) {
        throttled.computeIfAbsent(operation, o -> new AtomicInteger()).set(n);
        return this;
    }

    /** The next {@code n} BatchGetItem answers return every item they found as unprocessed instead. */
    public DynamoWire leaveUnprocessed(int n) {
        unprocessedBatches.set(n);
        return this;
    }

    /** Calls of the operation that reached the wire, throttled ones included. */
    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(operation(attributes), o -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!takeThrottle(attributes)) {
            return context.httpResponse();
        }
        attributes.putAttribute(THROTTLED, true);
        return context.httpResponse().toBuilder().statusCode(400).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(THROTTLED))) {
            return context.responseBody();
        }
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + throttlingCode
                + "\",\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";
        return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof BatchGetItemResponse batch)
                || unprocessedBatches.getAndUpdate(n -> Math.max(n - 1, 0)) == 0) {
            return context.response();
        }
        Map<String, KeysAndAttributes> unprocessed = new java.util.HashMap<>();
        batch.responses().forEach((table, items) -> {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            items.forEach(item -> keys.add(Map.of("userId", item.get("userId"), "partnerId", item.get("partnerId"))));
            if (!keys.isEmpty()) {
                unprocessed.put(table, KeysAndAttributes.builder().keys(keys).build());
            }
        });
        return batch.toBuilder()
                .responses(Map.of())
                .unprocessedKeys(unprocessed)
                .build();
    }

    private boolean takeThrottle(ExecutionAttributes attributes) {
        AtomicInteger left = throttled.get(operation(attributes));
        return left != null && left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> THROTTLED =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("DynamoWire.throttled");
}
