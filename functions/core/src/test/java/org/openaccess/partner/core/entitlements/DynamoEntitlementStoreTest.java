package org.openaccess.partner.core.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoEntitlementStoreTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static TestTables tables;
    private static MovingClock clock;
    private static DynamoEntitlementStore store;

    @BeforeAll
    static void createTables() {
        tables = TestTables.create();
        clock = new MovingClock(START);
        store = new DynamoEntitlementStore(tables.client(), tables.entitlements(), clock);
    }

    private static Map<String, AttributeValue> item(String userId) {
        return tables.client()
                .getItem(b -> b.tableName(tables.entitlements()).key(Map.of("userId", AttributeValue.fromS(userId))))
                .item();
    }

    @Test
    void aUserWithoutAnItemHasNoEntitlements() {
        assertEquals(Set.of(), store.current("nobody"));
    }

    @Test
    void storesTheSetAsAStringSetWithTheUpdateTime() {
        store.put("member-1", Set.of("premium", "basic"));
        assertEquals(Set.of("basic", "premium"), store.current("member-1"));
        Map<String, AttributeValue> item = item("member-1");
        assertEquals(
                Set.of("basic", "premium"), Set.copyOf(item.get("entitlements").ss()));
        assertEquals(Long.toString(START.toEpochMilli()), item.get("updatedAt").n());
    }

    @Test
    void anEmptySetRemovesTheAttributeAndKeepsOtherAttributes() {
        tables.client()
                .putItem(b -> b.tableName(tables.entitlements())
                        .item(Map.of(
                                "userId", AttributeValue.fromS("member-2"),
                                "entitlements", AttributeValue.fromSs(java.util.List.of("basic")),
                                "plan", AttributeValue.fromS("monthly"))));
        clock.advance(Duration.ofMinutes(1));
        store.put("member-2", Set.of());
        assertEquals(Set.of(), store.current("member-2"));
        Map<String, AttributeValue> item = item("member-2");
        assertFalse(item.containsKey("entitlements"));
        assertEquals("monthly", item.get("plan").s(), "the partner's own attributes stay");
        assertEquals(Long.toString(clock.millis()), item.get("updatedAt").n());
    }

    @Test
    void replacingTheSetDropsWhatIsNoLongerThere() {
        store.put("member-3", Set.of("basic", "premium"));
        store.put("member-3", Set.of("basic"));
        assertEquals(Set.of("basic"), store.current("member-3"));
    }

    @Test
    void aMissingTableIsStorageUnavailable() {
        DynamoEntitlementStore broken = new DynamoEntitlementStore(tables.client(), "no-such-table", clock);
        assertThrows(StorageUnavailableException.class, () -> broken.current("member-1"));
        assertThrows(StorageUnavailableException.class, () -> broken.put("member-1", Set.of("basic")));
    }
}
