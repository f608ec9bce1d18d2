package org.openaccess.partner.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stands in for SQS (the push's failure queue) and DynamoDB Streams (the records its messages point to), speaking
 * their AWS JSON 1.0 protocols to the real SDK clients: ReceiveMessage, DeleteMessage, GetQueueAttributes,
 * GetShardIterator, GetRecords. A shard may be marked trimmed, as the stream is after 24 hours.
 */
final class FailureQueueStub implements AutoCloseable {
    static final String STREAM_ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/entitlements/stream/2026-11-30T00:00:00.000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    /** receipt handle -> body, in arrival order. */
    private final Map<String, String> messages = new LinkedHashMap<>();

    private final List<String> invisible = new ArrayList<>();
    /** shard -> sequence number -> record keys. */
    private final Map<String, TreeMap<Long, Map<String, String>>> shards = new LinkedHashMap<>();

    private final List<String> trimmed = new ArrayList<>();

    private FailureQueueStub(HttpServer server) {
        this.server = server;
    }

    static FailureQueueStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FailureQueueStub stub = new FailureQueueStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String queueUrl() {
        return endpoint() + "/123456789012/push-failures";
    }

    /** A stream record of the entitlements table. */
    synchronized void record(String shard, long sequenceNumber, String userId, String partnerId) {
        shards.computeIfAbsent(shard, s -> new TreeMap<>())
                .put(sequenceNumber, Map.of("userId", userId, "partnerId", partnerId));
    }

    synchronized void trim(String shard) {
        trimmed.add(shard);
    }

    /** What Lambda sends to the on-failure destination for a batch that exhausted its retries. */
    synchronized void failedBatch(String shard, long first, long last) {
        ObjectNode body = JSON.createObjectNode().put("version", "1.0").put("timestamp", "2026-11-30T23:00:00Z");
        body.putObject("requestContext")
                .put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", 11);
        body.putObject("DDBStreamBatchInfo")
                .put("shardId", shard)
                .put("startSequenceNumber", Long.toString(first))
                .put("endSequenceNumber", Long.toString(last))
                .put("batchSize", (int) (last - first + 1))
                .put("streamArn", STREAM_ARN);
        messages.put(UUID.randomUUID().toString(), body.toString());
    }

    /** The visibility timeout of received messages ran out: the next receive sees them again. */
    synchronized void visibilityExpires() {
        invisible.clear();
    }

    synchronized int depth() {
        return messages.size();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        ObjectNode answer = JSON.createObjectNode();
        int status = 200;
        switch (target) {
            case "AmazonSQS.GetQueueAttributes" ->
                answer.putObject("Attributes").put("ApproximateNumberOfMessages", Integer.toString(messages.size()));
            case "AmazonSQS.ReceiveMessage" -> {
                ArrayNode out = answer.putArray("Messages");
                int max = request.path("MaxNumberOfMessages").asInt(1);
                for (Map.Entry<String, String> m : messages.entrySet()) {
                    if (out.size() < max && !invisible.contains(m.getKey())) {
                        invisible.add(m.getKey());
                        out.addObject()
                                .put("MessageId", m.getKey())
                                .put("ReceiptHandle", m.getKey())
                                .put("Body", m.getValue())
                                .put("MD5OfBody", md5(m.getValue()));
                    }
                }
            }
            case "AmazonSQS.DeleteMessage" ->
                messages.remove(request.path("ReceiptHandle").asText());
            case "DynamoDBStreams_20120810.GetShardIterator" -> {
                String shard = request.path("ShardId").asText();
                if (trimmed.contains(shard)) {
                    status = 400;
                    answer.put("__type", "com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException")
                            .put("message", "records trimmed");
                } else {
                    answer.put(
                            "ShardIterator",
                            shard + "@" + request.path("SequenceNumber").asText());
                }
            }
            case "DynamoDBStreams_20120810.GetRecords" -> {
                String[] iterator = request.path("ShardIterator").asText().split("@");
                ArrayNode records = answer.putArray("Records");
                shards.getOrDefault(iterator[0], new TreeMap<>())
                        .tailMap(Long.parseLong(iterator[1]))
                        .forEach((sequence, keys) -> {
                            ObjectNode dynamodb = records.addObject()
                                    .put("eventID", "e" + sequence)
                                    .put("eventName", "MODIFY")
                                    .put("eventSource", "aws:dynamodb")
                                    .putObject("dynamodb");
                            dynamodb.put("SequenceNumber", Long.toString(sequence))
                                    .put("StreamViewType", "NEW_AND_OLD_IMAGES");
                            ObjectNode k = dynamodb.putObject("Keys");
                            keys.forEach((name, value) -> k.putObject(name).put("S", value));
                        });
                // An open shard: no next iterator once read, as a closed one would end.
            }
            default -> {
                status = 400;
                answer.put("__type", "UnknownOperationException").put("message", target);
            }
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
