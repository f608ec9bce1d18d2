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
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@org.junit.jupiter.api.Tag("integration")
class DynamoLinkStoreTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final String PUID = "a".repeat(64);
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

    private Map<String, AttributeValue> item(String userId) {
        return tables.client()
                .getItem(b -> b.tableName(tables.links()).key(Map.of("userId", AttributeValue.fromS(userId))))
                .item();
    }

    @Test
    void anUnknownUserHasNoLink() {
        assertEquals(Optional.empty(), store.find("nobody"));
    }

    @Test
    void recordsALinkWithWhatRegisterUserSent() {
        store.recordLinked("member-1", PUID, sent(Set.of("basic"), START.minusSeconds(1)));
        Link link = store.find("member-1").orElseThrow();
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
        store.recordLinked("member-1", PUID, sent(Set.of(), START));
        assertEquals(
                Set.of(),
                store.find("member-1").orElseThrow().lastSent().orElseThrow().entitlements());
        assertTrue(item("member-1").get("sentEntitlements").hasL());
    }

    @Test
    void unlinkingKeepsTheHistoryAndRelinkingClearsTheUnlinkTime() {
        store.recordLinked("member-1", PUID, sent(Set.of("basic"), START));
        Instant unlinkedAt = START.plusSeconds(60);
        store.recordUnlinked("member-1", unlinkedAt);
        Link unlinked = store.find("member-1").orElseThrow();
        assertEquals(LinkStatus.UNLINKED, unlinked.status());
        assertEquals(Optional.of(unlinkedAt), unlinked.unlinkedAt());
        assertEquals(PUID, unlinked.partnerUserId());

        clock.advance(Duration.ofMinutes(5));
        store.recordLinked("member-1", PUID, sent(Set.of("premium"), clock.instant()));
        Link relinked = store.find("member-1").orElseThrow();
        assertTrue(relinked.isLinked());
        assertEquals(Optional.empty(), relinked.unlinkedAt());
        assertEquals(clock.instant(), relinked.linkedAt());
    }

    @Test
    void unlinkingAUserWhoNeverLinkedCreatesNothing() {
        store.recordUnlinked("stranger", START);
        assertEquals(Optional.empty(), store.find("stranger"));
        assertTrue(item("stranger") == null || item("stranger").isEmpty());
    }

    @Test
    void whatWasSentNeverMovesBackwards() {
        store.recordLinked("member-1", PUID, sent(Set.of("basic"), START));
        assertTrue(store.recordSent("member-1", sent(Set.of("basic", "premium"), START.plusSeconds(10))));
        assertFalse(store.recordSent("member-1", sent(Set.of(), START.plusSeconds(5))), "an older read must not win");
        assertEquals(
                Set.of("basic", "premium"),
                store.find("member-1").orElseThrow().lastSent().orElseThrow().entitlements());
        assertTrue(
                store.recordSent("member-1", sent(Set.of("premium"), START.plusSeconds(10))),
                "the same read time may be recorded again");
    }

    @Test
    void nothingIsRecordedAsSentForAnUnlinkedOrUnknownUser() {
        store.recordLinked("member-1", PUID, sent(Set.of("basic"), START));
        store.recordUnlinked("member-1", START.plusSeconds(1));
        assertFalse(store.recordSent("member-1", sent(Set.of("premium"), START.plusSeconds(2))));
        assertFalse(store.recordSent("stranger", sent(Set.of("premium"), START.plusSeconds(2))));
        assertEquals(Optional.empty(), store.find("stranger"));
    }

    @Test
    void aLeaseIsExclusiveUntilReleasedOrExpired() {
        Duration length = Duration.ofSeconds(30);
        assertTrue(store.tryLease("member-1", "callback-1", length, START));
        assertFalse(store.tryLease("member-1", "push-7", length, START.plusSeconds(10)));
        assertTrue(store.tryLease("member-1", "callback-1", length, START.plusSeconds(10)), "the holder may renew");

        store.releaseLease("member-1", "push-7");
        assertFalse(store.tryLease("member-1", "push-7", length, START.plusSeconds(11)), "only the holder releases");

        store.releaseLease("member-1", "callback-1");
        assertTrue(store.tryLease("member-1", "push-7", length, START.plusSeconds(12)));
        assertTrue(
                store.tryLease("member-1", "reconcile-2", length, START.plusSeconds(12 + 31)),
                "an expired lease can be taken");
    }

    @Test
    void aLeaseAloneIsNotALinkAndDoesNotDisturbOne() {
        assertTrue(store.tryLease("member-1", "callback-1", Duration.ofSeconds(30), START));
        assertEquals(Optional.empty(), store.find("member-1"));
        store.recordLinked("member-1", PUID, sent(Set.of("basic"), START));
        assertEquals("callback-1", item("member-1").get("leaseHolder").s());
        assertTrue(store.find("member-1").orElseThrow().isLinked());
    }

    @Test
    void pagesThroughLinkedUsersOnly() {
        Set<String> linked = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            store.recordLinked("member-" + i, PUID, sent(Set.of("basic"), START));
            linked.add("member-" + i);
        }
        store.recordUnlinked("member-3", START);
        linked.remove("member-3");
        store.tryLease("lease-only", "x", Duration.ofSeconds(5), START);

        Set<String> seen = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            LinkStore.Page page = store.linkedUsers(cursor, 3);
            page.links().forEach(link -> assertTrue(link.isLinked()));
            page.links().forEach(link -> assertTrue(seen.add(link.userId()), "no user twice"));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent() && pages < 20);
        assertEquals(linked, seen);
        assertTrue(pages >= 3, "7 linked users in pages of 3");
    }

    @Test
    void aForeignCursorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.linkedUsers(Optional.of("not base64 json!"), 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.linkedUsers(
                        Optional.of(java.util.Base64.getUrlEncoder().encodeToString("{\"other\":1}".getBytes())), 10));
    }

    @Test
    void aMissingTableIsStorageUnavailableWithoutItemValues() {
        DynamoLinkStore broken = new DynamoLinkStore(tables.client(), "no-such-table", clock);
        StorageUnavailableException e = assertThrows(
                StorageUnavailableException.class,
                () -> broken.recordLinked("member-secret-id", PUID, sent(Set.of("basic"), START)));
        assertFalse(e.getMessage().contains("member-secret-id"));
        assertFalse(e.getMessage().contains(PUID));
        assertThrows(StorageUnavailableException.class, () -> broken.linkedUsers(Optional.empty(), 5));
    }
}
