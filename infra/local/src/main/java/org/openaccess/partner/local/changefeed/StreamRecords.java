package org.openaccess.partner.local.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds DynamoDB Streams records (NEW_AND_OLD_IMAGES) in the JSON Lambda's event source mapping sends. */
final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String streamArn;
    private final AtomicLong sequence = new AtomicLong(100_000_000_000L);

    StreamRecords(String region, String tableName) {
        this.region = region;
        this.streamArn = "arn:aws:dynamodb:" + region + ":000000000000:table/" + tableName + "/stream/"
                + Instant.now().toString().replace("Z", "");
    }

    String streamArn() {
        return streamArn;
    }

    /** The record for a change from {@code oldImage} to {@code newImage} (either may be null), or null if none. */
    ObjectNode change(JsonNode keys, JsonNode oldImage, JsonNode newImage) {
        if (oldImage == null && newImage == null || oldImage != null && oldImage.equals(newImage)) {
            return null; // Streams write no record for a write that changed nothing.
        }
        String eventName = oldImage == null ? "INSERT" : newImage == null ? "REMOVE" : "MODIFY";
        ObjectNode record = JSON.createObjectNode();
        record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        dynamodb.set("Keys", keys);
        if (newImage != null) {
            dynamodb.set("NewImage", newImage);
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", oldImage);
        }
        dynamodb.put("SequenceNumber", String.format("%021d", sequence.incrementAndGet()));
        dynamodb.put(
                "SizeBytes",
                keys.toString().length()
                        + String.valueOf(newImage).length()
                        + String.valueOf(oldImage).length());
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", streamArn);
        return record;
    }

    static String sequenceNumber(JsonNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }
}
