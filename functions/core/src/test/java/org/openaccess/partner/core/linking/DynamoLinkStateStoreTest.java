package org.openaccess.partner.core.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Against dynalite with the template's own table definition. */
@org.junit.jupiter.api.Tag("integration")
class DynamoLinkStateStoreTest {
    private static final Instant EXPIRES = Instant.parse("2026-11-26T12:10:00Z");
    private static TestTables tables;
    private static DynamoLinkStateStore store;

    @BeforeAll
    static void createTables() {
        tables = TestTables.create();
        store = new DynamoLinkStateStore(tables.client(), tables.linkStates());
    }

    private static LinkState state(Optional<String> showUri) {
        return new LinkState(
                "hash-" + UUID.randomUUID(),
                "member-1042",
                "verifier-" + UUID.randomUUID(),
                "binding-hash",
                showUri,
                EXPIRES);
    }

    @Test
    void aSavedStateComesBackWhole() {
        LinkState saved = state(Optional.of("spotify:show:5CfCWKI5pZ28U0uOzXkDHe"));
        store.save(saved);
        assertEquals(Optional.of(saved), store.consume(saved.stateHash()));
    }

    @Test
    void aStateWithoutShowComesBackWithoutShow() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        assertEquals(
                Optional.empty(), store.consume(saved.stateHash()).orElseThrow().showUri());
    }

    @Test
    void aStateWorksOnceAReplayFindsNothing() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        assertTrue(store.consume(saved.stateHash()).isPresent());
        assertEquals(Optional.empty(), store.consume(saved.stateHash()));
    }

    @Test
    void anUnknownStateFindsNothing() {
        assertEquals(Optional.empty(), store.consume("never-stored"));
    }

    @Test
    void racingCallbacksConsumeAStateExactlyOnce() throws Exception {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<LinkState>>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> store.consume(saved.stateHash()));
            }
            long winners = 0;
            for (Future<Optional<LinkState>> result : pool.invokeAll(racers)) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverOverwritesAnExistingState() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        LinkState sameHash = new LinkState(
                saved.stateHash(), "member-666", "other-verifier", "other-binding", Optional.empty(), EXPIRES);
        assertThrows(IllegalStateException.class, () -> store.save(sameHash));
        assertEquals(
                "member-1042", store.consume(saved.stateHash()).orElseThrow().partnerUserId());
    }

    @Test
    void expiryIsStoredAsEpochSecondsForTheTableTtl() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        Map<String, AttributeValue> item = tables.client()
                .getItem(b -> b.tableName(tables.linkStates())
                        .key(Map.of("stateHash", AttributeValue.fromS(saved.stateHash()))))
                .item();
        assertEquals(
                Long.toString(EXPIRES.getEpochSecond()), item.get("expiresAt").n());
        assertFalse(item.containsKey("state"), "the state itself is never stored");
    }

    @Test
    void aMissingTableIsStorageUnavailableWithoutItemValues() {
        DynamoLinkStateStore broken = new DynamoLinkStateStore(tables.client(), "no-such-table");
        LinkState saved = state(Optional.empty());
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class, () -> broken.save(saved));
        assertTrue(e.getMessage().contains("no-such-table"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains(saved.codeVerifier()));
        assertFalse(e.getMessage().contains(saved.stateHash()));
    }
}
