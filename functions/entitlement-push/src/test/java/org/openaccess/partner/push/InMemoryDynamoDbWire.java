package org.openaccess.partner.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * DynamoDB's wire in memory, for the push benchmark: under a real {@code DynamoDbClient} (marshalling, signing,
 * unmarshalling stay in the measurement), the few operations the push and its set-up use, answered from maps
 * that any number of threads may use at once, so that a single-threaded dynalite does not bound the push.
 *
 * <p>GetItem (consistent reads; the projection is ignored: the stores read only what they asked for), PutItem,
 * DeleteItem, and UpdateItem with {@code SET #a = :v, ...} / {@code REMOVE #a, ...} and condition expressions
 * made of {@code attribute_exists}, {@code attribute_not_exists}, comparisons, {@code AND}, {@code OR} and
 * parentheses: the link store's expressions. Anything else answers a 400 ValidationException, so a store that
 * starts using another operation fails the benchmark loudly instead of measuring nothing. Not a test double for
 * tests: the tests run against dynalite.
 */
final class InMemoryDynamoDbWire implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN =
            Pattern.compile("\\s*(attribute_not_exists|attribute_exists|AND|OR|<>|<=|>=|[=<>(),]|[#:]?[A-Za-z0-9_]+)");

    /** Table name -> item key (its key attributes as JSON) -> item. */
    private final Map<String, Map<String, ObjectNode>> tables = new ConcurrentHashMap<>();

    private final AtomicLong requests = new AtomicLong();

    long requests() {
        return requests.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.incrementAndGet();
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("");
                try {
                    JsonNode body = JSON.readTree(read(request));
                    return answer(200, handle(target.substring(target.indexOf('.') + 1), body));
                } catch (ConditionFailed e) {
                    return error("ConditionalCheckFailedException", "The conditional request failed");
                } catch (IllegalArgumentException | IOException e) {
                    return error("ValidationException", target + ": " + e.getMessage());
                }
            }

            @Override
            public void abort() {
                // answered synchronously: nothing to abort
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

    private JsonNode handle(String operation, JsonNode body) {
        Map<String, ObjectNode> table =
                tables.computeIfAbsent(body.path("TableName").asText(), t -> new ConcurrentHashMap<>());
        ObjectNode answer = JSON.createObjectNode();
        switch (operation) {
            case "GetItem" -> {
                ObjectNode item = table.get(keyOf(body.path("Key")));
                if (item != null) {
                    synchronized (item) {
                        answer.set("Item", item.deepCopy());
                    }
                }
            }
            case "PutItem" -> table.put(keyOf(body.path("Item")), ((ObjectNode) body.path("Item")).deepCopy());
            case "DeleteItem" -> table.remove(keyOf(body.path("Key")));
            case "UpdateItem" ->
                table.compute(keyOf(body.path("Key")), (key, existing) -> {
                    ObjectNode item = existing != null ? existing : ((ObjectNode) body.path("Key")).deepCopy();
                    synchronized (item) {
                        if (body.hasNonNull("ConditionExpression")
                                && !new Condition(body, item)
                                        .holds(body.path("ConditionExpression").asText())) {
                            throw new ConditionFailed();
                        }
                        update(item, body);
                    }
                    return item;
                });
            default -> throw new IllegalArgumentException("operation not emulated: " + operation);
        }
        return answer;
    }

    /** {@code SET a = :v, b = :w REMOVE c, d}, names through ExpressionAttributeNames. */
    private static void update(ObjectNode item, JsonNode body) {
        String expression = body.path("UpdateExpression").asText();
        Matcher clauses = Pattern.compile("(SET|REMOVE)\\s+(.*?)(?=\\s+(?:SET|REMOVE)\\s+|$)")
                .matcher(expression.trim());
        while (clauses.find()) {
            for (String part : clauses.group(2).split(",")) {
                String[] assignment = part.split("=");
                String name = name(body, assignment[0].trim());
                if (clauses.group(1).equals("REMOVE")) {
                    item.remove(name);
                } else {
                    item.set(name, value(body, assignment[1].trim()).deepCopy());
                }
            }
        }
    }

    private static String name(JsonNode body, String token) {
        return token.startsWith("#")
                ? body.path("ExpressionAttributeNames").path(token).asText()
                : token;
    }

    private static JsonNode value(JsonNode body, String token) {
        JsonNode value = body.path("ExpressionAttributeValues").path(token);
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("no value for " + token);
        }
        return value;
    }

    /** The key attributes in a fixed order: userId and partnerId for every table the push touches. */
    private static String keyOf(JsonNode itemOrKey) {
        return itemOrKey.path("userId").toString() + itemOrKey.path("partnerId");
    }

    private static String read(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return "{}";
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpExecuteResponse answer(int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    private static HttpExecuteResponse error(String type, String message) {
        HttpExecuteResponse response = answer(
                400,
                JSON.createObjectNode()
                        .put("__type", "com.amazonaws.dynamodb.v20120810#" + type)
                        .put("message", message));
        return response;
    }

    private static final class ConditionFailed extends RuntimeException {
        ConditionFailed() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reading of one condition expression against one item. */
    private static final class Condition {
        private final JsonNode body;
        private final ObjectNode item;
        private Iterator<String> tokens;
        private String current;

        Condition(JsonNode body, ObjectNode item) {
            this.body = body;
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
                boolean exists = item.has(name(body, take()));
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
            return token.startsWith(":") ? value(body, token) : item.get(name(body, token));
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
