package org.openaccess.partner.core.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How the stores keep an instant: a DynamoDB number of epoch milliseconds, one format for every table. */
public final class EpochMillis {
    private EpochMillis() {}

    public static AttributeValue of(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    /** The instant in {@code item}'s attribute {@code name}; empty when it is absent or not a number. */
    public static Optional<Instant> read(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(Long.parseLong(value.n())));
    }
}
