package org.openaccess.partner.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.entitlements.DynamoEntitlementStore;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.testing.PartnerMembership;

/** Throttling answered by waiting: a real SDK client without retries of its own, dynalite behind a throttling wire. */
@org.junit.jupiter.api.Tag("integration")
class ThrottlingBackoffTest {
    private static final Membership MEMBER = new Membership("member-1", "PartnerA00000000000001");
    private static TestTables tables;
    private final ThrottlingBackoff backoff =
            new ThrottlingBackoff(Clock.systemUTC(), Duration.ofMillis(5), Duration.ofMillis(40));

    @BeforeAll
    static void createTables() {
        tables = TestTables.create();
        new PartnerMembership(tables.client(), tables.entitlements()).set(MEMBER, Set.of("basic"));
    }

    @Test
    void eachThrottlingAnswerIsWaitedOutUntilTheCallSucceeds() {
        for (String code : DynamoCalls.THROTTLING_CODES) {
            DynamoWire wire = DynamoWire.answering(code).throttleNext("GetItem", 4);
            DynamoEntitlementStore store = new DynamoEntitlementStore(wire.client(), tables.entitlements());

            Set<String> read =
                    backoff.call(() -> store.current(MEMBER), Instant.now().plusSeconds(30));

            assertEquals(Set.of("basic"), read, code);
            assertEquals(5, wire.calls("GetItem"), code + ": four throttled, the fifth answered");
        }
    }

    @Test
    void throttlingPastTheDeadlineIsThrownNotWaitedOut() {
        DynamoWire wire = DynamoWire.answering("RequestLimitExceeded").throttleNext("GetItem", 1000);
        DynamoEntitlementStore store = new DynamoEntitlementStore(wire.client(), tables.entitlements());

        StorageThrottledException e = assertThrows(
                StorageThrottledException.class,
                () -> backoff.call(() -> store.current(MEMBER), Instant.now().plusMillis(300)));

        assertEquals("DynamoDB GetItem on " + tables.entitlements() + " failed: RequestLimitExceeded", e.getMessage());
    }

    @Test
    void otherFailuresAreNotRetried() {
        DynamoWire wire = DynamoWire.answering("ThrottlingException");
        DynamoEntitlementStore store = new DynamoEntitlementStore(wire.client(), "no-such-table");

        StorageUnavailableException e = assertThrows(
                StorageUnavailableException.class,
                () -> backoff.call(() -> store.current(MEMBER), Instant.now().plusSeconds(30)));

        assertEquals(StorageUnavailableException.class, e.getClass());
        assertEquals(1, wire.calls("GetItem"));
    }
}
