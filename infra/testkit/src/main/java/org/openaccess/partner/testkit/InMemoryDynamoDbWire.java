package org.openaccess.partner.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB's wire in memory, for the benchmarks: under a real {@code DynamoDbClient} (see {@link #client()}) the
 * SDK's marshalling, signing and unmarshalling stay in the measurement, DynamoDB's network and service time do
 * not. Answered from maps that any number of threads may use at once, so that a single-threaded dynalite does not
 * bound what is measured. Not a test double for tests: the tests run against dynalite.
 *
 * <p>Operations: GetItem, PutItem, DeleteItem, UpdateItem ({@code SET #a = :v, #m.#k = :w} / {@code REMOVE #a},
 * plain and nested map paths), BatchGetItem and Scan (Segment/TotalSegments, Limit, ExclusiveStartKey, one
 * {@code #a = :v} filter), with projections. Condition expressions of PutItem, UpdateItem and DeleteItem made of
 * {@code attribute_exists}, {@code attribute_not_exists}, comparisons, {@code AND}, {@code OR} and parentheses (the
 * stores' expressions) are evaluated. Anything else answers a 400 ValidationException, so a store that starts
 * using another operation fails the benchmark loudly instead of measuring nothing.
 *
 * <p>Items are kept in DynamoDB's own JSON form, per table declared with {@link #table}; a key is the item's key
 * attributes in order. Counts each operation's calls and the CPU time spent standing in for DynamoDB.
 */
public final class InMemoryDynamoDbWire implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*(:\\w+)\\s*");
    private static final Pattern UPDATE_SECTIONS = Pattern.compile("(SET|REMOVE)\\s+(.*?)(?=\\s+(?:SET|REMOVE)\\s+|$)");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(attribute_not_exists|attribute_exists|AND|OR|<>|<=|>=|[=<>(),]|[#:]?[A-Za-z0-9_.#]+)");

    private final boolean keepsWrites;
    private final Map<String, List<String>> keySchemas = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> tables = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong cpuNanos = new AtomicLong();

    private InMemoryDynamoDbWire(boolean keepsWrites) {
        this.keepsWrites = keepsWrites;
    }

    /** A wire that keeps what is written in the tables declared with {@link #table}. */
    public InMemoryDynamoDbWire() {
        this(true);
    }

    /**
     * A wire that answers every write as DynamoDB answers a successful one ({@code {}}) without reading or keeping
     * it: for a benchmark that writes without end and reads nothing back, so that memory does not grow with it.
     */
    public static InMemoryDynamoDbWire discardingWrites() {
        return new InMemoryDynamoDbWire(false);
    }

    /** A table with these key attributes (partition first). */
    public InMemoryDynamoDbWire table(String name, String... keyAttributes) {
        keySchemas.put(name, List.of(keyAttributes));
        tables.put(name, new ConcurrentSkipListMap<>());
        return this;
    }

    /** A real SDK client (dummy credentials, us-east-1) whose requests this wire answers. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .httpClient(this)
                .endpointOverride(URI.create("http://dynamodb.in-memory"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Writes an item directly (no SDK), for fast set-up. */
    public void put(String table, ObjectNode item) {
        tableNamed(table).put(keyOf(table, item), item);
    }

    public ObjectNode get(String table, ObjectNode key) {
        return tableNamed(table).get(keyOf(table, key));
    }

    /** Requests that reached the wire, of every operation. */
    public long requests() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Calls per operation (e.g. {@code {GetItem=3, UpdateItem=3}}). */
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
     * function, so a benchmark may subtract it.
     */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("");
                String operation = target.substring(target.indexOf('.') + 1);
                calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
                if (!keepsWrites && WRITES.contains(operation)) {
                    return respond(200, JSON.createObjectNode());
                }
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                try {
                    return respond(200, answer(operation, read(request)));
                } catch (ConditionFailed e) {
                    return error("ConditionalCheckFailedException", "The conditional request failed");
                } catch (IllegalArgumentException | IOException e) {
                    return error("ValidationException", target + ": " + e.getMessage());
                } finally {
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                }
            }

            @Override
            public void abort() {
                // answered synchronously: nothing in flight
            }
        };
    }

    @Override
    public String clientName() {
        return "in-memory-dynamodb";
    }

    @Override
    public void close() {
        // nothing to release
    }

    private ObjectNode answer(String operation, JsonNode request) {
        return switch (operation) {
            case "GetItem" -> getItem(request);
            case "PutItem" -> putItem(request);
            case "DeleteItem" -> deleteItem(request);
            case "UpdateItem" -> updateItem(request);
            case "BatchGetItem" -> batchGetItem(request);
            case "Scan" -> scan(request);
            default -> throw new IllegalArgumentException("operation not emulated: " + operation);
        };
    }

    private ObjectNode getItem(JsonNode request) {
        String table = request.path("TableName").asText();
        ObjectNode item = tableNamed(table).get(keyOf(table, request.path("Key")));
        ObjectNode answer = JSON.createObjectNode();
        if (item != null) {
            answer.set("Item", project(item, request));
        }
        return answer;
    }

    private ObjectNode putItem(JsonNode request) {
        ObjectNode written = ((ObjectNode) request.path("Item")).deepCopy();
        write(request, written, existing -> written);
        return JSON.createObjectNode();
    }

    private ObjectNode deleteItem(JsonNode request) {
        write(request, (ObjectNode) request.path("Key"), existing -> null);
        return JSON.createObjectNode();
    }

    private ObjectNode updateItem(JsonNode request) {
        JsonNode names = request.path("ExpressionAttributeNames");
        write(request, (ObjectNode) request.path("Key"), existing -> {
            ObjectNode item = existing == null ? ((ObjectNode) request.path("Key")).deepCopy() : existing.deepCopy();
            Matcher sections = UPDATE_SECTIONS.matcher(
                    request.path("UpdateExpression").asText().trim());
            while (sections.find()) {
                for (String clause : sections.group(2).split(",")) {
                    if (sections.group(1).equals("SET")) {
                        Matcher assignment = ASSIGNMENT.matcher(clause);
                        if (!assignment.matches()) {
                            throw new IllegalArgumentException("SET " + clause);
                        }
                        List<String> path = path(assignment.group(1), names);
                        parentOf(item, path)
                                .set(
                                        path.getLast(),
                                        value(request, assignment.group(2)).deepCopy());
                    } else {
                        List<String> path = path(clause, names);
                        parentOf(item, path).remove(path.getLast());
                    }
                }
            }
            return item;
        });
        return JSON.createObjectNode();
    }

    /**
     * Replaces the item at {@code key} by what {@code change} makes of the current one (null: no item), atomically,
     * if the request's condition holds. Stored items are never changed in place, so reads need no lock.
     */
    private void write(JsonNode request, ObjectNode key, java.util.function.UnaryOperator<ObjectNode> change) {
        String table = request.path("TableName").asText();
        tableNamed(table).compute(keyOf(table, key), (k, existing) -> {
            if (request.hasNonNull("ConditionExpression")
                    && !new Condition(request, existing == null ? JSON.createObjectNode() : existing)
                            .holds(request.path("ConditionExpression").asText())) {
                throw new ConditionFailed();
            }
            return change.apply(existing);
        });
    }

    private ObjectNode batchGetItem(JsonNode request) {
        ObjectNode responses = JSON.createObjectNode();
        request.path("RequestItems").properties().forEach(entry -> {
            ArrayNode found = responses.putArray(entry.getKey());
            for (JsonNode key : entry.getValue().path("Keys")) {
                ObjectNode item = tableNamed(entry.getKey()).get(keyOf(entry.getKey(), key));
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
        String table = request.path("TableName").asText();
        int total = request.path("TotalSegments").asInt(1);
        int segment = request.path("Segment").asInt(0);
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        NavigableMap<String, ObjectNode> all = tableNamed(table);
        if (request.has("ExclusiveStartKey")) {
            all = all.tailMap(keyOf(table, request.get("ExclusiveStartKey")), false);
        }
        Matcher filter = request.has("FilterExpression")
                ? ASSIGNMENT.matcher(request.get("FilterExpression").asText())
                : null;
        if (filter != null && !filter.matches()) {
            throw new IllegalArgumentException("filter not emulated: " + request.get("FilterExpression"));
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
            if (filter == null
                    || value(request, filter.group(2))
                            .equals(item.get(resolve(filter.group(1), request.path("ExpressionAttributeNames"))))) {
                items.add(project(item, request));
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Items", items);
        answer.put("Count", items.size());
        answer.put("ScannedCount", evaluated);
        if (evaluated == limit && entries.hasNext()) {
            ObjectNode lastKey = answer.putObject("LastEvaluatedKey");
            ObjectNode lastItem = tableNamed(table).get(last);
            keySchemas.get(table).forEach(attribute -> lastKey.set(attribute, lastItem.get(attribute)));
        }
        return answer;
    }

    private ConcurrentSkipListMap<String, ObjectNode> tableNamed(String name) {
        ConcurrentSkipListMap<String, ObjectNode> table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no table " + name + " declared in memory");
        }
        return table;
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

    /** {@code #a.#b} as attribute names, through ExpressionAttributeNames. */
    private static List<String> path(String expression, JsonNode names) {
        List<String> path = new ArrayList<>();
        for (String part : expression.trim().split("\\.")) {
            path.add(resolve(part, names));
        }
        return path;
    }

    private static String resolve(String name, JsonNode names) {
        if (!name.startsWith("#")) {
            return name;
        }
        JsonNode resolved = names.path(name);
        if (resolved.isMissingNode()) {
            throw new IllegalArgumentException("no name for " + name);
        }
        return resolved.asText();
    }

    private static JsonNode value(JsonNode request, String token) {
        JsonNode value = request.path("ExpressionAttributeValues").path(token);
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("no value for " + token);
        }
        return value;
    }

    /** The object holding the path's last attribute: the item, or the "M" of a map attribute. */
    private static ObjectNode parentOf(ObjectNode item, List<String> path) {
        ObjectNode parent = item;
        for (String attribute : path.subList(0, path.size() - 1)) {
            JsonNode map = parent.path(attribute).path("M");
            if (!map.isObject()) {
                throw new IllegalArgumentException("no map at " + attribute);
            }
            parent = (ObjectNode) map;
        }
        return parent;
    }

    private String keyOf(String table, JsonNode item) {
        List<String> schema = keySchemas.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("no table " + table + " declared in memory");
        }
        StringBuilder key = new StringBuilder();
        for (String attribute : schema) {
            JsonNode value = item.path(attribute);
            key.append(value.has("S") ? value.get("S").asText() : value.toString())
                    .append('\u0000');
        }
        return key.toString();
    }

    private static JsonNode read(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return JSON.readTree(in);
        }
    }

    private static HttpExecuteResponse respond(int status, ObjectNode answer) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
    }

    private static HttpExecuteResponse error(String type, String message) {
        return respond(
                400,
                JSON.createObjectNode()
                        .put("__type", "com.amazonaws.dynamodb.v20120810#" + type)
                        .put("message", message));
    }

    private static final class ConditionFailed extends RuntimeException {
        ConditionFailed() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reading of one condition expression against one item. */
    private static final class Condition {
        private final JsonNode request;
        private final ObjectNode item;
        private Iterator<String> tokens;
        private String current;

        Condition(JsonNode request, ObjectNode item) {
            this.request = request;
            this.item = item;
        }

        boolean holds(String expression) {
            List<String> all = new ArrayList<>();
            Matcher matcher = TOKEN.matcher(expression);
            int at = 0;
            while (at < expression.length() && matcher.find(at) && matcher.start() == at) {
                all.add(matcher.group(1));
                at = matcher.end();
            }
            if (!expression.substring(at).isBlank()) {
                throw new IllegalArgumentException("unreadable condition at: " + expression.substring(at));
            }
            tokens = all.iterator();
            advance();
            boolean result = or();
            if (current != null) {
                throw new IllegalArgumentException("unexpected " + current);
            }
            return result;
        }

        private void advance() {
            current = tokens.hasNext() ? tokens.next() : null;
        }

        private String take() {
            String taken = current;
            advance();
            return taken;
        }

        private boolean or() {
            boolean result = and();
            while ("OR".equals(current)) {
                advance();
                result |= and();
            }
            return result;
        }

        private boolean and() {
            boolean result = factor();
            while ("AND".equals(current)) {
                advance();
                result &= factor();
            }
            return result;
        }

        private boolean factor() {
            String token = take();
            if ("(".equals(token)) {
                boolean inner = or();
                expect(")");
                return inner;
            }
            if ("attribute_exists".equals(token) || "attribute_not_exists".equals(token)) {
                expect("(");
                boolean exists = attribute(take()) != null;
                expect(")");
                return token.equals("attribute_exists") == exists;
            }
            JsonNode left = operand(token);
            String comparison = take();
            JsonNode right = operand(take());
            if (left == null || right == null) {
                return false; // DynamoDB: a comparison with a missing attribute is false
            }
            int order = compare(left, right);
            return switch (comparison) {
                case "=" -> order == 0;
                case "<>" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new IllegalArgumentException("unknown comparison " + comparison);
            };
        }

        private void expect(String token) {
            if (!token.equals(take())) {
                throw new IllegalArgumentException("expected " + token);
            }
        }

        private JsonNode operand(String token) {
            return token.startsWith(":") ? value(request, token) : attribute(token);
        }

        /** The attribute at a (possibly nested) path, or null. */
        private JsonNode attribute(String token) {
            List<String> path = path(token, request.path("ExpressionAttributeNames"));
            JsonNode at = item;
            for (int i = 0; i < path.size() && at != null; i++) {
                at = (i == 0 ? at : at.path("M")).get(path.get(i));
            }
            return at;
        }

        private static int compare(JsonNode left, JsonNode right) {
            if (left.has("N") && right.has("N")) {
                return new BigDecimal(left.get("N").asText())
                        .compareTo(new BigDecimal(right.get("N").asText()));
            }
            if (left.has("S") && right.has("S")) {
                return left.get("S").asText().compareTo(right.get("S").asText());
            }
            return left.equals(right) ? 0 : 1;
        }
    }
}
