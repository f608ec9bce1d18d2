package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;

/**
 * Reads which membership (user and partner id) a stream record of the entitlements table is about. Only the key
 * matters: the push always re-reads the membership's current set, so the images (and their types) are never
 * trusted.
 */
final class StreamRecordReader {
    /** The entitlements table's partition key (template.yaml, EntitlementsTable). */
    static final String USER_ID_KEY = "userId";
    /** The entitlements table's sort key: the Spotify partner id the membership belongs to. */
    static final String PARTNER_ID_KEY = "partnerId";

    private static final Set<String> EVENT_NAMES = Set.of("INSERT", "MODIFY", "REMOVE");

    sealed interface Reading {}

    /** A membership whose entitlements changed (INSERT, MODIFY, or REMOVE = no entitlements any more). */
    record Change(Membership membership, String sequenceNumber) implements Reading {}

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
        Map<String, AttributeValue> keys = change.getKeys() == null ? Map.of() : change.getKeys();
        for (String name : List.of(USER_ID_KEY, PARTNER_ID_KEY)) {
            AttributeValue key = keys.get(name);
            if (key == null) {
                return new Malformed("no " + name + " key");
            }
            if (key.getS() == null || key.getS().isEmpty()) {
                return new Malformed(name + " key is not a non-empty string");
            }
        }
        return new Change(
                new Membership(
                        keys.get(USER_ID_KEY).getS(), keys.get(PARTNER_ID_KEY).getS()),
                sequenceNumber);
    }
}
