package org.openaccess.partner.core.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.DynamoWire;
import org.openaccess.partner.core.storage.StorageThrottledException;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import org.openaccess.partner.core.testing.PartnerMembership;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the table as the partner's membership system writes it (through the SDK, in its own ways). */
@org.junit.jupiter.api.Tag("integration")
class DynamoEntitlementStoreTest {
    private static TestTables tables;
    private static DynamoEntitlementStore store;
    private static PartnerMembership membership;
    private static final String PARTNER_A = "PartnerA00000000000001";
    private static final String PARTNER_B = "PartnerB00000000000002";

    private static Membership m(String userId) {
        return new Membership(userId, PARTNER_A);
    }

    @BeforeAll
    static void createTables() {
        tables = TestTables.create();
        store = new DynamoEntitlementStore(tables.client(), tables.entitlements());
        membership = new PartnerMembership(tables.client(), tables.entitlements());
    }

    @Test
    void aUserWithoutAnItemHasNoEntitlements() {
        assertEquals(Set.of(), store.current(m("nobody")));
    }

    @Test
    void readsTheStringSetTheMembershipSystemWrote() {
        membership.set(m("member-1"), Set.of("premium", "basic"));

        assertEquals(Set.of("basic", "premium"), store.current(m("member-1")));
    }

    @Test
    void anItemWithoutTheAttributeHasNoEntitlementsWhateverElseItHolds() {
        tables.client()
                .putItem(b -> b.tableName(tables.entitlements())
                        .item(Map.of(
                                "userId", AttributeValue.fromS("member-2"),
                                "partnerId", AttributeValue.fromS(PARTNER_A),
                                "entitlements", AttributeValue.fromSs(List.of("basic")),
                                "plan", AttributeValue.fromS("monthly"))));
        assertEquals(Set.of("basic"), store.current(m("member-2")));

        membership.set(m("member-2"), Set.of());

        assertEquals(Set.of(), store.current(m("member-2")));
    }

    @Test
    void eachMembershipOfAUserIsItsOwnItem() {
        membership.set(new Membership("member-4", PARTNER_A), Set.of("basic"));
        membership.set(new Membership("member-4", PARTNER_B), Set.of("gold", "silver"));

        assertEquals(Set.of("basic"), store.current(new Membership("member-4", PARTNER_A)));
        assertEquals(Set.of("gold", "silver"), store.current(new Membership("member-4", PARTNER_B)));
        assertEquals(
                Set.of(),
                store.current(new Membership("member-4", "PartnerC00000000000003")),
                "a partner the user is no member of");
    }

    @Test
    void seesTheLatestWriteAtOnce() {
        membership.set(m("member-3"), Set.of("basic", "premium"));
        membership.set(m("member-3"), Set.of("basic"));

        assertEquals(Set.of("basic"), store.current(m("member-3")), "a strongly consistent read");
    }

    @Test
    void recentReadsManyMembershipsInBatchesOfAHundred() {
        DynamoWire wire = DynamoWire.answering("ProvisionedThroughputExceededException");
        DynamoEntitlementStore batched = new DynamoEntitlementStore(wire.client(), tables.entitlements());
        List<Membership> members = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Membership member = m("batch-" + i);
            members.add(member);
            if (i % 2 == 0) {
                membership.set(member, Set.of("tier-" + (i % 7)));
            }
        }

        Map<Membership, Set<String>> sets = batched.recent(members);

        assertEquals(250, sets.size());
        assertEquals(Set.of("tier-2"), sets.get(m("batch-114")));
        assertEquals(Set.of(), sets.get(m("batch-115")), "no item = no entitlements");
        assertEquals(Set.of("tier-3"), sets.get(m("batch-248")));
        assertEquals(3, wire.calls("BatchGetItem"), "250 keys in requests of at most 100");
    }

    @Test
    void keysLeftUnprocessedAreAskedForAgain() {
        membership.set(m("unprocessed-1"), Set.of("basic"));
        membership.set(m("unprocessed-2"), Set.of("gold"));
        DynamoWire wire =
                DynamoWire.answering("ProvisionedThroughputExceededException").leaveUnprocessed(2);
        DynamoEntitlementStore batched = new DynamoEntitlementStore(wire.client(), tables.entitlements());

        Map<Membership, Set<String>> sets = batched.recent(List.of(m("unprocessed-1"), m("unprocessed-2")));

        assertEquals(Map.of(m("unprocessed-1"), Set.of("basic"), m("unprocessed-2"), Set.of("gold")), sets);
        assertEquals(3, wire.calls("BatchGetItem"), "twice unprocessed, then answered");
    }

    @Test
    void keysThatStayUnprocessedAreThrottledNotMissing() {
        membership.set(m("unprocessed-3"), Set.of("basic"));
        DynamoWire wire =
                DynamoWire.answering("ProvisionedThroughputExceededException").leaveUnprocessed(100);
        DynamoEntitlementStore batched = new DynamoEntitlementStore(wire.client(), tables.entitlements());

        assertThrows(StorageThrottledException.class, () -> batched.recent(List.of(m("unprocessed-3"))));
        assertEquals(DynamoEntitlementStore.UNPROCESSED_ROUNDS, wire.calls("BatchGetItem"));
    }

    @Test
    void aThrottledBatchIsStorageThrottled() {
        DynamoWire wire = DynamoWire.answering("ThrottlingException").throttleNext("BatchGetItem", 1);
        DynamoEntitlementStore batched = new DynamoEntitlementStore(wire.client(), tables.entitlements());

        StorageThrottledException e =
                assertThrows(StorageThrottledException.class, () -> batched.recent(List.of(m("member-1"))));
        assertEquals(
                "DynamoDB BatchGetItem on " + tables.entitlements() + " failed: ThrottlingException", e.getMessage());
    }

    @Test
    void aMissingTableIsStorageUnavailable() {
        DynamoEntitlementStore broken = new DynamoEntitlementStore(tables.client(), "no-such-table");

        assertThrows(StorageUnavailableException.class, () -> broken.current(m("member-1")));
    }
}
