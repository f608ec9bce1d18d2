package org.openaccess.partner.core.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.identity.Membership;
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
    void aMissingTableIsStorageUnavailable() {
        DynamoEntitlementStore broken = new DynamoEntitlementStore(tables.client(), "no-such-table");

        assertThrows(StorageUnavailableException.class, () -> broken.current(m("member-1")));
    }
}
