package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Set;

/**
 * Reads which user a stream record of the entitlements table is about. Only the key matters: the push
 * always re-reads the user's current set, so the images (and their types) are never trusted.
 */
final class StreamRecordReader {
    /** The entitlements table's hash key (template.yaml, EntitlementsTable). */
    static final String USER_ID_KEY = "userId";

    private static final Set<String> EVENT_NAMES = Set.of("INSERT", "MODIFY", "REMOVE");

    sealed interface Reading {}

    /** A user whose entitlements changed (INSERT, MODIFY, or REMOVE = no entitlements any more). */
    record Change(String userId, String sequenceNumber) implements Reading {}

    /** Not a record this function can act on; {@code reason} names what is wrong (never a value). */
    record Malformed(String reason) implements Reading {}

    private StreamRecordReader() {}

    static Reading read(DynamodbStreamRecord record) {
        if (record == null) {
            return new Malformed("empty record");
        }
        String eventName = record.getEventName();
        if (eventName == null || !EVENT_NAMES.contains(eventName)) {
            return new Malformed(eventName == null ? "no eventName" : "unknown eventName");
        }
        StreamRecord change = record.getDynamodb();
        if (change == null) {
            return new Malformed("no dynamodb section");
        }
        String sequenceNumber = change.getSequenceNumber();
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            return new Malformed("no SequenceNumber");
        }
        AttributeValue key = change.getKeys() == null ? null : change.getKeys().get(USER_ID_KEY);
        if (key == null) {
            return new Malformed("no " + USER_ID_KEY + " key");
        }
        if (key.getS() == null || key.getS().isEmpty()) {
            return new Malformed(USER_ID_KEY + " key is not a non-empty string");
        }
        return new Change(key.getS(), sequenceNumber);
    }
}
