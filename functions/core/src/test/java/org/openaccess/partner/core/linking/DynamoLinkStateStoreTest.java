package org.openaccess.partner.core.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.storage.TestTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Against dynalite with the template's own table definition. */
@org.junit.jupiter.api.Tag("integration")
class DynamoLinkStateStoreTest {
    private static final String BINDING = "binding-hash";
    private static final Instant EXPIRES = Instant.parse("2026-11-26T12:10:00Z");
    private static final String DEFAULT_PARTNER = "LocalDemoPartner000001";
    private static final PartnerRoute DEFAULT_ROUTE = PartnerRoute.defaultPartner(DEFAULT_PARTNER);
    private static final PartnerRoute CREATOR_ROUTE =
            PartnerRoute.registered("LocalCreatorPartner002", new PartnerSlug("lunar-radio"));
    private static TestTables tables;
    private static DynamoLinkStateStore store;

    @BeforeAll
    static void createTables() {
        tables = TestTables.create();
        store = new DynamoLinkStateStore(tables.client(), tables.linkStates(), DEFAULT_PARTNER);
    }

    private static LinkState state(Optional<String> showUri) {
        return state(DEFAULT_ROUTE, showUri);
    }

    private static LinkState state(PartnerRoute partner, Optional<String> showUri) {
        return new LinkState(
                "hash-" + UUID.randomUUID(),
                "member-1042",
                partner,
                "verifier-" + UUID.randomUUID(),
                BINDING,
                showUri,
                EXPIRES);
    }

    /** Consumed by the browser that started it. */
    private static LinkStateStore.Consumed consume(LinkState state) {
        return store.consume(state.stateHash(), Optional.of(BINDING));
    }

    private static LinkState taken(LinkStateStore.Consumed consumed) {
        return assertInstanceOf(LinkStateStore.Consumed.Taken.class, consumed).state();
    }

    @Test
    void aSavedStateComesBackWhole() {
        LinkState saved = state(Optional.of("spotify:show:5CfCWKI5pZ28U0uOzXkDHe"));
        store.save(saved);
        assertEquals(saved, taken(consume(saved)));
    }

    @Test
    void aStateRemembersThePartnerItsFlowIsFor() {
        LinkState forCreator = state(CREATOR_ROUTE, Optional.empty());
        LinkState forDefault = state(DEFAULT_ROUTE, Optional.empty());
        store.save(forCreator);
        store.save(forDefault);

        assertEquals(CREATOR_ROUTE, taken(consume(forCreator)).partner());
        assertEquals(DEFAULT_ROUTE, taken(consume(forDefault)).partner());
    }

    @Test
    void aStateStoredBeforeStatesNamedTheirPartnerIsTheDefaultPartners() {
        LinkState saved = state(CREATOR_ROUTE, Optional.empty());
        store.save(saved);
        tables.client()
                .updateItem(b -> b.tableName(tables.linkStates())
                        .key(Map.of("stateHash", AttributeValue.fromS(saved.stateHash())))
                        .updateExpression("REMOVE partnerId, partnerSlug"));

        assertEquals(DEFAULT_ROUTE, taken(consume(saved)).partner());
    }

    @Test
    void aStateWithoutShowComesBackWithoutShow() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        assertEquals(Optional.empty(), taken(consume(saved)).showUri());
    }

    @Test
    void aStateWorksOnceAReplayFindsNothing() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        taken(consume(saved));
        assertEquals(new LinkStateStore.Consumed.Unknown(), consume(saved));
    }

    @Test
    void anUnknownStateFindsNothing() {
        assertEquals(new LinkStateStore.Consumed.Unknown(), store.consume("never-stored", Optional.of(BINDING)));
        assertEquals(new LinkStateStore.Consumed.Unknown(), store.consume("never-stored", Optional.empty()));
    }

    @Test
    void anotherBrowserOrNoBindingLeavesTheStateForItsOwnBrowser() {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        assertEquals(
                new LinkStateStore.Consumed.OtherBrowser(),
                store.consume(saved.stateHash(), Optional.of("another-browsers-hash")));
        assertEquals(new LinkStateStore.Consumed.OtherBrowser(), store.consume(saved.stateHash(), Optional.empty()));
        assertEquals(saved, taken(consume(saved)));
    }

    @Test
    void racingCallbacksConsumeAStateExactlyOnce() throws Exception {
        LinkState saved = state(Optional.empty());
        store.save(saved);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<LinkStateStore.Consumed>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> consume(saved));
            }
            long winners = 0;
            for (Future<LinkStateStore.Consumed> result : pool.invokeAll(racers)) {
                winners += result.get() instanceof LinkStateStore.Consumed.Taken ? 1 : 0;
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
                saved.stateHash(),
                "member-666",
                CREATOR_ROUTE,
                "other-verifier",
                "other-binding",
                Optional.empty(),
                EXPIRES);
        assertThrows(IllegalStateException.class, () -> store.save(sameHash));
        assertEquals("member-1042", taken(consume(saved)).partnerUserId());
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
        DynamoLinkStateStore broken = new DynamoLinkStateStore(tables.client(), "no-such-table", DEFAULT_PARTNER);
        LinkState saved = state(Optional.empty());
        StorageUnavailableException e = assertThrows(StorageUnavailableException.class, () -> broken.save(saved));
        assertTrue(e.getMessage().contains("no-such-table"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains(saved.codeVerifier()));
        assertFalse(e.getMessage().contains(saved.stateHash()));
    }
}
