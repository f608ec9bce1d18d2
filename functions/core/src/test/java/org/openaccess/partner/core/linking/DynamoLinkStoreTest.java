package org.openaccess.partner.core.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@org.junit.jupiter.api.Tag("integration")
class DynamoLinkStoreTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final String PUID = "a".repeat(64);
    private static final String PARTNER_A = "PartnerA00000000000001";
    private static final String PARTNER_B = "PartnerB00000000000002";
    private TestTables tables;
    private MovingClock clock;
    private DynamoLinkStore store;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create();
        clock = new MovingClock(START);
        store = new DynamoLinkStore(tables.client(), tables.links(), clock);
    }

    private static SentEntitlements sent(Set<String> entitlements, Instant readAt) {
        return new SentEntitlements(entitlements, readAt, readAt.plusMillis(150));
    }

    /** The user's membership of partner A. */
    private static Membership m(String userId) {
        return new Membership(userId, PARTNER_A);
    }

    private Map<String, AttributeValue> item(String userId) {
        return tables.client()
                .getItem(b -> b.tableName(tables.links())
                        .key(Map.of(
                                "userId", AttributeValue.fromS(userId), "partnerId", AttributeValue.fromS(PARTNER_A))))
                .item();
    }

    @Test
    void anUnknownUserHasNoLink() {
        assertEquals(Optional.empty(), store.find(m("nobody")));
    }

    @Test
    void recordsALinkWithWhatRegisterUserSent() {
        store.recordLinked(m("member-1"), PUID, sent(Set.of("basic"), START.minusSeconds(1)));
        Link link = store.find(m("member-1")).orElseThrow();
        assertEquals(PUID, link.partnerUserId());
        assertTrue(link.isLinked());
        assertEquals(START, link.linkedAt());
        assertEquals(Optional.empty(), link.unlinkedAt());
        assertEquals(
                sent(Set.of("basic"), START.minusSeconds(1)), link.lastSent().orElseThrow());
        assertEquals("LINKED", item("member-1").get("status").s());
    }

    @Test
    void anEmptySetSentIsRecordedAsAnEmptyList() {
        store.recordLinked(m("member-1"), PUID, sent(Set.of(), START));
        assertEquals(
                Set.of(),
                store.find(m("member-1")).orElseThrow().lastSent().orElseThrow().entitlements());
        assertTrue(item("member-1").get("sentEntitlements").hasL());
    }

    @Test
    void unlinkingKeepsTheHistoryAndRelinkingClearsTheUnlinkTime() {
        store.recordLinked(m("member-1"), PUID, sent(Set.of("basic"), START));
        Instant unlinkedAt = START.plusSeconds(60);
        store.recordUnlinked(m("member-1"), unlinkedAt);
        Link unlinked = store.find(m("member-1")).orElseThrow();
        assertEquals(LinkStatus.UNLINKED, unlinked.status());
        assertEquals(Optional.of(unlinkedAt), unlinked.unlinkedAt());
        assertEquals(PUID, unlinked.partnerUserId());

        clock.advance(Duration.ofMinutes(5));
        store.recordLinked(m("member-1"), PUID, sent(Set.of("premium"), clock.instant()));
        Link relinked = store.find(m("member-1")).orElseThrow();
        assertTrue(relinked.isLinked());
        assertEquals(Optional.empty(), relinked.unlinkedAt());
        assertEquals(clock.instant(), relinked.linkedAt());
    }

    @Test
    void unlinkingAUserWhoNeverLinkedCreatesNothing() {
        store.recordUnlinked(m("stranger"), START);
        assertEquals(Optional.empty(), store.find(m("stranger")));
        assertTrue(item("stranger") == null || item("stranger").isEmpty());
    }

    @Test
    void whatWasSentNeverMovesBackwards() {
        store.recordLinked(m("member-1"), PUID, sent(Set.of("basic"), START));
        assertTrue(store.recordSent(m("member-1"), sent(Set.of("basic", "premium"), START.plusSeconds(10))));
        assertFalse(
                store.recordSent(m("member-1"), sent(Set.of(), START.plusSeconds(5))), "an older read must not win");
        assertEquals(
                Set.of("basic", "premium"),
                store.find(m("member-1")).orElseThrow().lastSent().orElseThrow().entitlements());
        assertTrue(
                store.recordSent(m("member-1"), sent(Set.of("premium"), START.plusSeconds(10))),
                "the same read time may be recorded again");
    }

    @Test
    void nothingIsRecordedAsSentForAnUnlinkedOrUnknownUser() {
        store.recordLinked(m("member-1"), PUID, sent(Set.of("basic"), START));
        store.recordUnlinked(m("member-1"), START.plusSeconds(1));
        assertFalse(store.recordSent(m("member-1"), sent(Set.of("premium"), START.plusSeconds(2))));
        assertFalse(store.recordSent(m("stranger"), sent(Set.of("premium"), START.plusSeconds(2))));
        assertEquals(Optional.empty(), store.find(m("stranger")));
    }

    @Test
    void aLeaseIsExclusiveUntilReleasedOrExpired() {
        Duration length = Duration.ofSeconds(30);
        assertTrue(store.tryLease(m("member-1"), "callback-1", length, START));
        assertFalse(store.tryLease(m("member-1"), "push-7", length, START.plusSeconds(10)));
        assertTrue(store.tryLease(m("member-1"), "callback-1", length, START.plusSeconds(10)), "the holder may renew");

        store.releaseLease(m("member-1"), "push-7");
        assertFalse(store.tryLease(m("member-1"), "push-7", length, START.plusSeconds(11)), "only the holder releases");

        store.releaseLease(m("member-1"), "callback-1");
        assertTrue(store.tryLease(m("member-1"), "push-7", length, START.plusSeconds(12)));
        assertTrue(
                store.tryLease(m("member-1"), "reconcile-2", length, START.plusSeconds(12 + 31)),
                "an expired lease can be taken");
    }

    @Test
    void aLeaseAloneIsNotALinkAndDoesNotDisturbOne() {
        assertTrue(store.tryLease(m("member-1"), "callback-1", Duration.ofSeconds(30), START));
        assertEquals(Optional.empty(), store.find(m("member-1")));
        store.recordLinked(m("member-1"), PUID, sent(Set.of("basic"), START));
        assertEquals("callback-1", item("member-1").get("leaseHolder").s());
        assertTrue(store.find(m("member-1")).orElseThrow().isLinked());
    }

    @Test
    void pagesThroughLinkedUsersOnly() {
        Set<String> linked = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            store.recordLinked(m("member-" + i), PUID, sent(Set.of("basic"), START));
            linked.add("member-" + i);
        }
        store.recordUnlinked(m("member-3"), START);
        linked.remove("member-3");
        store.tryLease(m("lease-only"), "x", Duration.ofSeconds(5), START);

        Set<String> seen = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            LinkStore.Page page = store.linkedUsers(cursor, 3);
            page.links().forEach(link -> assertTrue(link.isLinked()));
            page.links().forEach(link -> assertTrue(seen.add(link.userId()), "no user twice"));
            page.links().forEach(link -> assertEquals(PARTNER_A, link.partnerId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent() && pages < 20);
        assertEquals(linked, seen);
        assertTrue(pages >= 3, "7 linked users in pages of 3");
    }

    @Test
    void eachPartnerOfAUserHasItsOwnLinkStatusSentSetAndLease() {
        Membership atA = new Membership("member-1", PARTNER_A);
        Membership atB = new Membership("member-1", PARTNER_B);
        String puidB = "b".repeat(64);
        store.recordLinked(atA, PUID, sent(Set.of("basic"), START));
        assertEquals(Optional.empty(), store.find(atB), "linked to A only");

        store.recordLinked(atB, puidB, sent(Set.of("gold"), START));
        assertTrue(store.recordSent(atB, sent(Set.of("gold", "silver"), START.plusSeconds(1))));
        store.recordUnlinked(atA, START.plusSeconds(2));

        Link a = store.find(atA).orElseThrow();
        Link b = store.find(atB).orElseThrow();
        assertEquals(LinkStatus.UNLINKED, a.status());
        assertEquals(PUID, a.partnerUserId());
        assertEquals(Set.of("basic"), a.lastSent().orElseThrow().entitlements());
        assertEquals(LinkStatus.LINKED, b.status());
        assertEquals(puidB, b.partnerUserId());
        assertEquals(atB, b.membership());
        assertEquals(Set.of("gold", "silver"), b.lastSent().orElseThrow().entitlements());

        Duration length = Duration.ofSeconds(30);
        assertTrue(store.tryLease(atA, "push-1", length, START));
        assertTrue(store.tryLease(atB, "push-2", length, START), "a lease holds one membership, not the user");
        assertFalse(store.tryLease(atB, "push-3", length, START));
    }

    @Test
    void pagesYieldEachLinkedMembershipOnceWithItsPartner() {
        store.recordLinked(new Membership("member-1", PARTNER_A), PUID, sent(Set.of("basic"), START));
        store.recordLinked(new Membership("member-1", PARTNER_B), PUID, sent(Set.of("gold"), START));
        store.recordLinked(new Membership("member-2", PARTNER_B), PUID, sent(Set.of("gold"), START));
        store.recordLinked(new Membership("member-3", PARTNER_A), PUID, sent(Set.of("basic"), START));
        store.recordUnlinked(new Membership("member-3", PARTNER_A), START);

        Set<Membership> seen = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            LinkStore.Page page = store.linkedUsers(cursor, 1);
            page.links().forEach(link -> assertTrue(seen.add(link.membership()), "no membership twice"));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent() && pages < 20);

        assertEquals(
                Set.of(
                        new Membership("member-1", PARTNER_A),
                        new Membership("member-1", PARTNER_B),
                        new Membership("member-2", PARTNER_B)),
                seen);
    }

    @Test
    void theSegmentsOfAParallelScanHoldEveryLinkedMembershipOnce() {
        Set<Membership> linked = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Membership membership = new Membership("member-" + i, i % 3 == 0 ? PARTNER_B : PARTNER_A);
            store.recordLinked(membership, PUID, sent(Set.of("basic"), START));
            if (i % 5 == 0) {
                store.recordUnlinked(membership, START.plusSeconds(1));
            } else {
                linked.add(membership);
            }
        }

        Set<Membership> seen = new HashSet<>();
        int segmentsWithLinks = 0;
        for (int index = 0; index < 4; index++) {
            Optional<String> cursor = Optional.empty();
            int found = 0;
            int pages = 0;
            do {
                LinkStore.Page page = store.linkedUsers(new ScanSegment(index, 4), cursor, 3);
                for (Link link : page.links()) {
                    assertTrue(seen.add(link.membership()), "no membership in two segments or pages");
                    found++;
                }
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent() && pages < 50);
            segmentsWithLinks += found > 0 ? 1 : 0;
        }

        assertEquals(linked, seen);
        assertTrue(segmentsWithLinks > 1, "the links are spread over the segments");
    }

    @Test
    void aSegmentThatDoesNotExistIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScanSegment(4, 4));
        assertThrows(IllegalArgumentException.class, () -> new ScanSegment(0, 0));
    }

    @Test
    void aForeignCursorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.linkedUsers(Optional.of("not base64 json!"), 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.linkedUsers(
                        Optional.of(java.util.Base64.getUrlEncoder().encodeToString("{\"other\":1}".getBytes())), 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.linkedUsers(
                        Optional.of(java.util.Base64.getUrlEncoder()
                                .encodeToString("{\"userId\":\"member-1\"}".getBytes())),
                        10),
                "a cursor of the single-key table (no partner id) is not understood");
    }

    @Test
    void aMissingTableIsStorageUnavailableWithoutItemValues() {
        DynamoLinkStore broken = new DynamoLinkStore(tables.client(), "no-such-table", clock);
        StorageUnavailableException e = assertThrows(
                StorageUnavailableException.class,
                () -> broken.recordLinked(m("member-secret-id"), PUID, sent(Set.of("basic"), START)));
        assertFalse(e.getMessage().contains("member-secret-id"));
        assertFalse(e.getMessage().contains(PUID));
        assertThrows(StorageUnavailableException.class, () -> broken.linkedUsers(Optional.empty(), 5));
    }
}
