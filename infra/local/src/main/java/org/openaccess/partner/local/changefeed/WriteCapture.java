package org.openaccess.partner.local.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns each write to one table into stream records: reads the old images (consistent), forwards the
 * write, reads the new images, all under one lock so that the records of a user come out in write order.
 */
final class WriteCapture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final String tableName;
    private final List<String> keyAttributes;
    private final DynamoDbWire wire;
    private final StreamRecords records;
    private final Consumer<ObjectNode> sink;

    WriteCapture(
            String tableName,
            List<String> keyAttributes,
            DynamoDbWire wire,
            StreamRecords records,
            Consumer<ObjectNode> sink) {
        this.tableName = tableName;
        this.keyAttributes = List.copyOf(keyAttributes);
        this.wire = wire;
        this.records = records;
        this.sink = sink;
    }

    /** Forwards one request; if it writes the watched table, queues the records of what it changed. */
    DynamoDbWire.Answer forward(Map<String, List<String>> headers, byte[] body) throws IOException {
        String target = first(headers, "X-Amz-Target");
        String operation =
                target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        List<JsonNode> keys = switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem" -> keysWritten(operation, parse(body));
            default -> List.of();
        };
        if (keys.isEmpty()) {
            return wire.forward(headers, body);
        }
        Map<String, List<String>> credentials = credentials(headers);
        synchronized (this) {
            Map<JsonNode, JsonNode> before = images(credentials, keys);
            DynamoDbWire.Answer answer = wire.forward(headers, body);
            if (answer.ok()) {
                Map<JsonNode, JsonNode> after = images(credentials, keys);
                for (JsonNode key : keys) {
                    ObjectNode record = records.change(key, before.get(key), after.get(key));
                    if (record != null) {
                        sink.accept(record);
                    }
                }
            }
            return answer;
        }
    }

    private List<JsonNode> keysWritten(String operation, JsonNode request) {
        List<JsonNode> keys = new ArrayList<>();
        if (operation.equals("BatchWriteItem")) {
            for (JsonNode write : request.path("RequestItems").path(tableName)) {
                JsonNode item = write.has("PutRequest")
                        ? write.path("PutRequest").path("Item")
                        : write.path("DeleteRequest").path("Key");
                addKey(keys, item);
            }
        } else if (tableName.equals(request.path("TableName").asText())) {
            addKey(keys, operation.equals("PutItem") ? request.path("Item") : request.path("Key"));
        }
        return keys;
    }

    private void addKey(List<JsonNode> keys, JsonNode item) {
        ObjectNode key = JSON.createObjectNode();
        for (String attribute : keyAttributes) {
            if (!item.has(attribute)) {
                return; // A malformed write: dynalite will reject it, and nothing changes.
            }
            key.set(attribute, item.get(attribute));
        }
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    private Map<JsonNode, JsonNode> images(Map<String, List<String>> credentials, List<JsonNode> keys)
            throws IOException {
        Map<JsonNode, JsonNode> images = new LinkedHashMap<>();
        for (JsonNode key : keys) {
            ObjectNode request =
                    JSON.createObjectNode().put("TableName", tableName).put("ConsistentRead", true);
            request.set("Key", key);
            DynamoDbWire.Answer answer = wire.getItem(credentials, request.toString());
            if (!answer.ok()) {
                throw new IOException(
                        "dynalite refused the change feed's GetItem on " + tableName + ": HTTP " + answer.status());
            }
            JsonNode item = JSON.readTree(answer.body()).get("Item");
            if (item != null && !item.isNull()) {
                images.put(key, item);
            }
        }
        return images;
    }

    private static Map<String, List<String>> credentials(Map<String, List<String>> headers) {
        Map<String, List<String>> credentials = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("authorization") || lower.equals("x-amz-date") || lower.equals("x-amz-security-token")) {
                credentials.put(name, values);
            }
        });
        return credentials;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode(); // dynalite answers the malformed request itself.
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
