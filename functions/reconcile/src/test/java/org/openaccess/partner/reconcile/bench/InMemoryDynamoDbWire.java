package org.openaccess.partner.reconcile.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * DynamoDB's wire in memory, under a real {@code DynamoDbClient}: the SDK's marshalling, signing and unmarshalling
 * stay in the measurement, DynamoDB's network and service time do not (the benchmark's model adds them). Implements
 * what the reconciler and the entitlement sync send: GetItem, PutItem, UpdateItem (SET/REMOVE of plain and nested
 * paths), BatchGetItem, and Scan (Segment/TotalSegments, Limit, ExclusiveStartKey, one {@code a = :v} filter),
 * with projections. Condition expressions are not evaluated (the benchmark has no competing writers). Items are
 * kept in DynamoDB's own JSON form; a key is the item's key attributes in order. Thread-safe; counts each
 * operation's calls. Separate from the push benchmark's wire so that the two can be merged later.
 */
public final class InMemoryDynamoDbWire implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*(:\\w+)\\s*");

    private final Map<String, List<String>> keySchemas = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> tables = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong cpuNanos = new AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** A table with these key attributes (partition first). */
    public InMemoryDynamoDbWire table(String name, String... keyAttributes) {
        keySchemas.put(name, List.of(keyAttributes));
        tables.put(name, new ConcurrentSkipListMap<>());
        return this;
    }

    /** Writes an item directly (no SDK), for fast set-up. */
    public void put(String table, ObjectNode item) {
        tables.get(table).put(keyOf(table, item), item);
    }

    public ObjectNode get(String table, ObjectNode key) {
        return tables.get(table).get(keyOf(table, key));
    }

    public Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, n) -> copy.put(operation, n.get()));
        return copy;
    }

    public void resetCalls() {
        calls.clear();
        cpuNanos.set(0);
    }

    /**
     * CPU time spent standing in for DynamoDB (parsing requests, answering them): work DynamoDB does, not the
     * function, so the benchmark subtracts it.
     */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                try {
                    return serve();
                } finally {
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                }
            }

            private HttpExecuteResponse serve() throws IOException {
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElseThrow();
                String operation = target.substring(target.indexOf('.') + 1);
                calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
                JsonNode body;
                try (InputStream in =
                        request.contentStreamProvider().orElseThrow().newStream()) {
                    body = JSON.readTree(in);
                }
                return respond(answer(operation, body));
            }

            @Override
            public void abort() {
                // answered synchronously: nothing in flight
            }
        };
    }

    private ObjectNode answer(String operation, JsonNode request) {
        return switch (operation) {
            case "GetItem" -> getItem(request);
            case "PutItem" -> putItem(request);
            case "UpdateItem" -> updateItem(request);
            case "BatchGetItem" -> batchGetItem(request);
            case "Scan" -> scan(request);
            default -> throw new UnsupportedOperationException(operation + " is not implemented in memory");
        };
    }

    private ObjectNode getItem(JsonNode request) {
        String table = request.get("TableName").asText();
        ObjectNode item = tables.get(table).get(keyOf(table, request.get("Key")));
        ObjectNode answer = JSON.createObjectNode();
        if (item != null) {
            answer.set("Item", project(item, request));
        }
        return answer;
    }

    private ObjectNode putItem(JsonNode request) {
        put(request.get("TableName").asText(), (ObjectNode) request.get("Item").deepCopy());
        return JSON.createObjectNode();
    }

    private ObjectNode updateItem(JsonNode request) {
        String table = request.get("TableName").asText();
        String key = keyOf(table, request.get("Key"));
        JsonNode names = request.path("ExpressionAttributeNames");
        JsonNode values = request.path("ExpressionAttributeValues");
        tables.get(table).compute(key, (k, existing) -> {
            ObjectNode item = existing == null ? (ObjectNode) request.get("Key").deepCopy() : existing.deepCopy();
            String expression = request.get("UpdateExpression").asText();
            Matcher sections = Pattern.compile("(SET|REMOVE)\\s+(.*?)(?=\\s+(?:SET|REMOVE)\\s+|$)")
                    .matcher(expression);
            while (sections.find()) {
                for (String clause : sections.group(2).split(",")) {
                    if (sections.group(1).equals("SET")) {
                        Matcher assignment = ASSIGNMENT.matcher(clause);
                        if (!assignment.matches()) {
                            throw new UnsupportedOperationException("SET " + clause);
                        }
                        setPath(item, path(assignment.group(1), names), values.get(assignment.group(2)));
                    } else {
                        List<String> path = path(clause.trim(), names);
                        parentOf(item, path).remove(path.getLast());
                    }
                }
            }
            return item;
        });
        return JSON.createObjectNode();
    }

    private ObjectNode batchGetItem(JsonNode request) {
        ObjectNode responses = JSON.createObjectNode();
        request.get("RequestItems").properties().forEach(entry -> {
            ArrayNode found = responses.putArray(entry.getKey());
            for (JsonNode key : entry.getValue().get("Keys")) {
                ObjectNode item = tables.get(entry.getKey()).get(keyOf(entry.getKey(), key));
                if (item != null) {
                    found.add(project(item, entry.getValue()));
                }
            }
        });
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Responses", responses);
        answer.putObject("UnprocessedKeys");
        return answer;
    }

    private ObjectNode scan(JsonNode request) {
        String table = request.get("TableName").asText();
        int total = request.path("TotalSegments").asInt(1);
        int segment = request.path("Segment").asInt(0);
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        NavigableMap<String, ObjectNode> all = tables.get(table);
        if (request.has("ExclusiveStartKey")) {
            all = all.tailMap(keyOf(table, request.get("ExclusiveStartKey")), false);
        }
        JsonNode names = request.path("ExpressionAttributeNames");
        JsonNode values = request.path("ExpressionAttributeValues");
        Matcher filter = request.has("FilterExpression")
                ? ASSIGNMENT.matcher(request.get("FilterExpression").asText())
                : null;
        if (filter != null && !filter.matches()) {
            throw new UnsupportedOperationException("filter " + request.get("FilterExpression"));
        }
        ArrayNode items = JSON.createArrayNode();
        int evaluated = 0;
        String last = null;
        Iterator<Map.Entry<String, ObjectNode>> entries = all.entrySet().iterator();
        while (entries.hasNext() && evaluated < limit) {
            Map.Entry<String, ObjectNode> entry = entries.next();
            if (Math.floorMod(entry.getKey().hashCode(), total) != segment) {
                continue;
            }
            evaluated++;
            last = entry.getKey();
            ObjectNode item = entry.getValue();
            if (filter == null || values.get(filter.group(2)).equals(item.get(resolve(filter.group(1), names)))) {
                items.add(project(item, request));
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Items", items);
        answer.put("Count", items.size());
        answer.put("ScannedCount", evaluated);
        if (evaluated == limit && entries.hasNext()) {
            ObjectNode lastKey = answer.putObject("LastEvaluatedKey");
            ObjectNode lastItem = tables.get(table).get(last);
            keySchemas.get(table).forEach(attribute -> lastKey.set(attribute, lastItem.get(attribute)));
        }
        return answer;
    }

    private static ObjectNode project(ObjectNode item, JsonNode request) {
        if (!request.has("ProjectionExpression")) {
            return item.deepCopy();
        }
        ObjectNode projected = JSON.createObjectNode();
        for (String name : request.get("ProjectionExpression").asText().split(",")) {
            String attribute = resolve(name.trim(), request.path("ExpressionAttributeNames"));
            if (item.has(attribute)) {
                projected.set(attribute, item.get(attribute).deepCopy());
            }
        }
        return projected;
    }

    private static List<String> path(String expression, JsonNode names) {
        List<String> path = new ArrayList<>();
        for (String part : expression.trim().split("\\.")) {
            path.add(resolve(part, names));
        }
        return path;
    }

    private static String resolve(String name, JsonNode names) {
        return name.startsWith("#") ? names.get(name).asText() : name;
    }

    private static void setPath(ObjectNode item, List<String> path, JsonNode value) {
        parentOf(item, path).set(path.getLast(), value.deepCopy());
    }

    /** The object holding the path's last attribute: the item, or the "M" of a map attribute. */
    private static ObjectNode parentOf(ObjectNode item, List<String> path) {
        ObjectNode parent = item;
        for (String attribute : path.subList(0, path.size() - 1)) {
            JsonNode map = parent.path(attribute).path("M");
            if (!map.isObject()) {
                throw new UnsupportedOperationException("no map at " + attribute);
            }
            parent = (ObjectNode) map;
        }
        return parent;
    }

    private String keyOf(String table, JsonNode item) {
        StringBuilder key = new StringBuilder();
        for (String attribute : keySchemas.get(table)) {
            key.append(item.get(attribute).path("S").asText()).append('\u0000');
        }
        return key.toString();
    }

    private static HttpExecuteResponse respond(ObjectNode answer) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(200)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
    }

    @Override
    public String clientName() {
        return "in-memory-dynamodb";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
