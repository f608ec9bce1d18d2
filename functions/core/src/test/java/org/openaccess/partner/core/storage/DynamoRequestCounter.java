package org.openaccess.partner.core.storage;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openaccess.partner.testkit.Dynalite;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what the code under test asks of DynamoDB, on the wire of a real SDK client to the shared dynalite: calls
 * per operation, and the capacity units dynalite reports for them (the interceptor asks every call for
 * ReturnConsumedCapacity TOTAL; dynalite computes units from item sizes as DynamoDB does). docs/cost.md's figures
 * come from these counts.
 */
public final class DynamoRequestCounter implements ExecutionInterceptor {
    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Scan", "Query");

    private final Map<String, Long> calls = new TreeMap<>();
    private double readUnits;
    private double writeUnits;

    public DynamoDbClient client() {
        return Dynalite.clientFor(Dynalite.shared().endpoint(), c -> c.addExecutionInterceptor(this));
    }

    public synchronized void reset() {
        calls.clear();
        readUnits = 0;
        writeUnits = 0;
    }

    /** Calls per operation (e.g. {@code {GetItem=3, UpdateItem=3}}). */
    public synchronized Map<String, Long> calls() {
        return Map.copyOf(calls);
    }

    public synchronized double readUnits() {
        return readUnits;
    }

    public synchronized double writeUnits() {
        return writeUnits;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        double units = unitsOf(context.response());
        synchronized (this) {
            calls.merge(operation, 1L, Long::sum);
            if (READS.contains(operation)) {
                readUnits += units;
            } else {
                writeUnits += units;
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A failed condition is still a call (DynamoDB bills a failed conditional write 1 unit; counted as such).
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (this) {
            calls.merge(operation + " (failed)", 1L, Long::sum);
            if (!READS.contains(operation)) {
                writeUnits += 1;
            }
        }
    }

    private static double unitsOf(SdkResponse response) {
        return switch (response) {
            case GetItemResponse r -> units(r.consumedCapacity());
            case PutItemResponse r -> units(r.consumedCapacity());
            case UpdateItemResponse r -> units(r.consumedCapacity());
            case DeleteItemResponse r -> units(r.consumedCapacity());
            case ScanResponse r -> units(r.consumedCapacity());
            case QueryResponse r -> units(r.consumedCapacity());
            case BatchGetItemResponse r ->
                r.consumedCapacity().stream()
                        .mapToDouble(DynamoRequestCounter::units)
                        .sum();
            default -> 0;
        };
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
}
