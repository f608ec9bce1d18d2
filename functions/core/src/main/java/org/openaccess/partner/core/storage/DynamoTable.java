package org.openaccess.partner.core.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One DynamoDB table as the stores call it: every request is addressed to this table and goes through
 * {@link DynamoCalls}, so each store says only what its request asks (key, expressions, values) and every failure
 * reads the same. The {@code ...If} writes answer whether their condition held; the others let a failed condition
 * through as {@code ConditionalCheckFailedException}.
 */
public record DynamoTable(DynamoDbClient dynamo, String name) {

    /** The item under {@code key}, read consistently; empty when there is none. */
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        return get(key, request -> {});
    }

    /** As {@link #get(Map)}, with more said about the read (a projection, say). */
    public Optional<Map<String, AttributeValue>> get(
            Map<String, AttributeValue> key, Consumer<GetItemRequest.Builder> request) {
        Map<String, AttributeValue> item = DynamoCalls.run(
                        "GetItem",
                        name,
                        () -> dynamo.getItem(
                                b -> request.accept(b.tableName(name).key(key).consistentRead(true))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public boolean putIf(Consumer<PutItemRequest.Builder> request) {
        return DynamoCalls.runIf("PutItem", name, () -> dynamo.putItem(b -> request.accept(b.tableName(name))));
    }

    public void update(Consumer<UpdateItemRequest.Builder> request) {
        DynamoCalls.run("UpdateItem", name, () -> dynamo.updateItem(b -> request.accept(b.tableName(name))));
    }

    public boolean updateIf(Consumer<UpdateItemRequest.Builder> request) {
        return DynamoCalls.runIf("UpdateItem", name, () -> dynamo.updateItem(b -> request.accept(b.tableName(name))));
    }

    /** Deletes and answers the item as it was (empty when there was none). */
    public Map<String, AttributeValue> delete(Consumer<DeleteItemRequest.Builder> request) {
        Map<String, AttributeValue> old = DynamoCalls.run(
                        "DeleteItem",
                        name,
                        () -> dynamo.deleteItem(
                                b -> request.accept(b.tableName(name).returnValues(ReturnValue.ALL_OLD))))
                .attributes();
        return old == null ? Map.of() : old;
    }

    public boolean deleteIf(Consumer<DeleteItemRequest.Builder> request) {
        return DynamoCalls.runIf("DeleteItem", name, () -> dynamo.deleteItem(b -> request.accept(b.tableName(name))));
    }

    public QueryResponse query(Consumer<QueryRequest.Builder> request) {
        return DynamoCalls.run("Query", name, () -> dynamo.query(b -> request.accept(b.tableName(name))));
    }

    /** One page of a scan, from {@code startKey} on when there is one. */
    public ScanResponse scan(Optional<Map<String, AttributeValue>> startKey, Consumer<ScanRequest.Builder> request) {
        ScanRequest.Builder builder = ScanRequest.builder().tableName(name);
        request.accept(builder);
        startKey.ifPresent(builder::exclusiveStartKey);
        return DynamoCalls.run("Scan", name, () -> dynamo.scan(builder.build()));
    }

    /** One page of items, and the key to go on from when DynamoDB stopped before the end. */
    public record Page(List<Map<String, AttributeValue>> items, Optional<Map<String, AttributeValue>> nextKey) {}

    /**
     * One page of at most {@code limit} items of a scan (before any filter), from {@code startKey} on when there is
     * one: how the stores page their lists behind an opaque cursor.
     */
    public Page scanPage(
            Optional<Map<String, AttributeValue>> startKey, int limit, Consumer<ScanRequest.Builder> request) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        ScanResponse response = scan(startKey, b -> request.accept(b.limit(limit)));
        return new Page(response.items(), nextKey(response.lastEvaluatedKey()));
    }

    /** Every item the scan finds, page after page. */
    public List<Map<String, AttributeValue>> scanAll(Consumer<ScanRequest.Builder> request) {
        return allPages(start -> {
            ScanResponse page = scan(start, request);
            return new Page(page.items(), nextKey(page.lastEvaluatedKey()));
        });
    }

    /** Every item the query finds, page after page. */
    public List<Map<String, AttributeValue>> queryAll(Consumer<QueryRequest.Builder> request) {
        return allPages(start -> {
            QueryResponse page = query(b -> {
                request.accept(b);
                start.ifPresent(b::exclusiveStartKey);
            });
            return new Page(page.items(), nextKey(page.lastEvaluatedKey()));
        });
    }

    private static List<Map<String, AttributeValue>> allPages(
            Function<Optional<Map<String, AttributeValue>>, Page> pageFrom) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Optional<Map<String, AttributeValue>> start = Optional.empty();
        do {
            Page page = pageFrom.apply(start);
            items.addAll(page.items());
            start = page.nextKey();
        } while (start.isPresent());
        return items;
    }

    /** DynamoDB answers an empty (or no) last evaluated key when the read reached the end. */
    private static Optional<Map<String, AttributeValue>> nextKey(Map<String, AttributeValue> lastEvaluatedKey) {
        return lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()
                ? Optional.empty()
                : Optional.of(lastEvaluatedKey);
    }

    /** Expression attribute names from {@code "#placeholder", "attribute"} pairs. */
    public static Map<String, String> names(String... pairs) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }
}
