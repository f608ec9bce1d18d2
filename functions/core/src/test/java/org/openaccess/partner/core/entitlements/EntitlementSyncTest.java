package org.openaccess.partner.core.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.EntitlementTestBed;

/**
 * One membership's sync against dynalite and the Spotify emulator: what is sent (and to which partner id), what is
 * skipped, what is recorded.
 */
@org.junit.jupiter.api.Tag("integration")
class EntitlementSyncTest {
    private static final Membership ADA = EntitlementTestBed.member("member-ada");

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private EntitlementTestBed bed;
    private EntitlementSync sync;

    @BeforeEach
    void linkAda() {
        bed = new EntitlementTestBed(SPOTIFY.emulator(), Set.of());
        sync = bed.wiring.entitlementSync();
        bed.link(ADA, "ada", Set.of("basic"));
    }

    @Test
    void sendsTheCurrentSetAndRecordsWhatWasSent() {
        bed.change(ADA, Set.of("basic", "premium"));
        Instant before = Instant.now();

        SyncOutcome outcome = sync.sync(ADA);

        assertEquals(new SyncOutcome.Sent(2), outcome);
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA));
        var sent = bed.link(ADA).orElseThrow().lastSent().orElseThrow();
        assertEquals(Set.of("basic", "premium"), sent.entitlements());
        assertFalse(sent.readAt().isBefore(before.minusMillis(1)), "readAt is this sync's read");
    }

    @Test
    void anEmptySetClearsSpotifysCopy() {
        bed.change(ADA, Set.of());

        assertEquals(new SyncOutcome.Sent(0), sync.sync(ADA));
        assertEquals(Set.of(), bed.onSpotify(ADA));
    }

    @Test
    void aSetEqualToTheLastSentMakesNoCall() {
        assertEquals(new SyncOutcome.Unchanged(), sync.sync(ADA));
        assertEquals(
                new SyncOutcome.Unchanged(), sync.repairUntil(ADA, Instant.now().plusSeconds(5)));
        assertEquals(0, bed.replaceCalls());
    }

    @Test
    void usersWithoutALinkOrUnlinkedAreNotSent() {
        bed.change("member-nobody", Set.of("basic"));
        assertEquals(new SyncOutcome.NotLinked(), sync.sync(EntitlementTestBed.member("member-nobody")));

        bed.wiring.links().recordUnlinked(ADA, Instant.now());
        bed.change(ADA, Set.of("premium"));
        assertEquals(new SyncOutcome.NotLinked(), sync.sync(ADA));
        assertEquals(0, bed.replaceCalls());
    }

    @Test
    void aChangeToOnePartnersSetIsSentToThatPartnerOnly() {
        Membership adaAtCreator = new Membership(ADA.userId(), EntitlementTestBed.SECOND_PARTNER_ID);
        bed.link(adaAtCreator, "ada", Set.of("gold"));
        bed.change(adaAtCreator, Set.of("gold", "silver"));

        assertEquals(new SyncOutcome.Sent(2), sync.sync(adaAtCreator));
        assertEquals(new SyncOutcome.Unchanged(), sync.sync(ADA), "the default partner's set did not change");

        assertEquals(Set.of("gold", "silver"), bed.onSpotify(adaAtCreator));
        assertEquals(Set.of("basic"), bed.onSpotify(ADA));
        assertEquals(1, bed.replaceCallsFor(EntitlementTestBed.SECOND_PARTNER_ID));
        assertEquals(0, bed.replaceCallsFor(EntitlementTestBed.PARTNER_ID));
        assertEquals(
                bed.puid(adaAtCreator),
                bed.spotify.calls("replace-entitlements").getFirst().partnerUserId(),
                "sent with the creator's own PUID");
        assertEquals(
                Set.of("gold", "silver"),
                bed.link(adaAtCreator).orElseThrow().lastSent().orElseThrow().entitlements());
        assertEquals(
                Set.of("basic"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements());
    }

    @Test
    void aUserLinkedToOnePartnerIsNotSentForAnother() {
        Membership adaAtCreator = new Membership(ADA.userId(), EntitlementTestBed.SECOND_PARTNER_ID);
        bed.change(adaAtCreator, Set.of("gold"));

        assertEquals(new SyncOutcome.NotLinked(), sync.sync(adaAtCreator));
        assertEquals(
                new SyncOutcome.NotLinked(),
                sync.repairUntil(adaAtCreator, Instant.now().plusSeconds(5)));
        assertEquals(0, bed.replaceCalls());
        assertTrue(bed.link(adaAtCreator).isEmpty(), "no lease item written for a membership never linked");
    }

    @Test
    void unlinkedOnSpotifyAtOnePartnerLeavesTheOtherLinked() {
        Membership adaAtCreator = new Membership(ADA.userId(), EntitlementTestBed.SECOND_PARTNER_ID);
        bed.link(adaAtCreator, "ada", Set.of("gold"));
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.SECOND_PARTNER_ID, bed.puid(adaAtCreator));

        assertEquals(
                new SyncOutcome.UnlinkedBySpotify(),
                sync.verifyUntil(adaAtCreator, Instant.now().plusSeconds(5)));
        assertEquals(
                new SyncOutcome.Unchanged(), sync.verifyUntil(ADA, Instant.now().plusSeconds(5)));

        assertEquals(LinkStatus.UNLINKED, bed.link(adaAtCreator).orElseThrow().status());
        assertEquals(LinkStatus.LINKED, bed.link(ADA).orElseThrow().status());
    }

    @Test
    void aLeaseHeldByAnotherSenderMeansTryAgainWithoutACall() {
        bed.change(ADA, Set.of("premium"));
        assertTrue(bed.wiring.links().tryLease(ADA, "callback-in-flight", Duration.ofMinutes(1), Instant.now()));

        SyncOutcome outcome = sync.sync(ADA);

        assertInstanceOf(SyncOutcome.Retry.class, outcome);
        assertEquals(0, bed.replaceCalls());
        bed.wiring.links().releaseLease(ADA, "callback-in-flight");
        assertEquals(new SyncOutcome.Sent(1), sync.sync(ADA), "the lease is released by its holder");
    }

    @Test
    void aLinkSpotifyNoLongerKnowsIsRecordedUnlinked() {
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.PARTNER_ID, bed.puid(ADA));
        bed.change(ADA, Set.of("premium"));

        assertEquals(new SyncOutcome.UnlinkedBySpotify(), sync.sync(ADA));
        assertEquals(LinkStatus.UNLINKED, bed.link(ADA).orElseThrow().status());
        assertEquals(new SyncOutcome.NotLinked(), sync.sync(ADA));
        assertEquals(1, bed.replaceCalls());
    }

    @Test
    void aFailedSendMakesTheNextSyncSendEvenIfTheSetWentBackToTheLastSent() {
        bed.change(ADA, Set.of("premium"));
        bed.spotify.faults().inject("replace-entitlements", Fault.status(503).times(1));
        assertInstanceOf(SyncOutcome.Retry.class, sync.sync(ADA));

        // The 503 might have been applied by Spotify; the set now returns to what was last sent for sure.
        bed.change(ADA, Set.of("basic"));

        assertEquals(new SyncOutcome.Sent(1), sync.sync(ADA));
        assertEquals(Set.of("basic"), bed.onSpotify(ADA));
        assertEquals(
                Set.of("basic"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements());
    }

    @Test
    void syncUntilWaitsAtLeastSpotifysRetryAfter() {
        bed.change(ADA, Set.of("premium"));
        bed.spotify
                .faults()
                .inject(
                        "replace-entitlements",
                        Fault.rateLimited(Duration.ofSeconds(1)).times(1));
        long start = System.nanoTime();

        SyncOutcome outcome = sync.syncUntil(ADA, Instant.now().plusSeconds(30));

        assertEquals(new SyncOutcome.Sent(1), outcome);
        assertTrue(
                Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) >= 0,
                "the retry came after Retry-After");
        assertEquals(Set.of("premium"), bed.onSpotify(ADA));
    }

    @Test
    void syncUntilGivesUpAtTheDeadlineWithTheLastReason() {
        bed.change(ADA, Set.of("premium"));
        bed.spotify.faults().inject("replace-entitlements", Fault.status(503));

        SyncOutcome outcome = sync.syncUntil(ADA, Instant.now().plusSeconds(1));

        SyncOutcome.Retry retry = assertInstanceOf(SyncOutcome.Retry.class, outcome);
        assertTrue(retry.reason().contains("503"), retry.reason());
        assertTrue(bed.replaceCalls() >= 2, "it retried before the deadline");
        assertEquals(Set.of("basic"), bed.onSpotify(ADA));
    }

    @Test
    void aClientNotAllowedToManageEntitlementsIsRejectedNotRetried() {
        EmulatorConfig withoutScope = EmulatorConfig.defaults()
                .withClient(EmulatorConfig.localClient().withoutScope(Scopes.MANAGE_ENTITLEMENTS));
        try (SpotifyEmulator restricted = SpotifyEmulator.start(withoutScope, 0)) {
            EntitlementTestBed restrictedBed = new EntitlementTestBed(restricted, Set.of());
            restrictedBed.link(ADA, "ada", Set.of("basic"));
            restrictedBed.change(ADA, Set.of("premium"));

            SyncOutcome outcome = restrictedBed
                    .wiring
                    .entitlementSync()
                    .syncUntil(ADA, Instant.now().plusSeconds(30));

            SyncOutcome.Rejected rejected = assertInstanceOf(SyncOutcome.Rejected.class, outcome);
            assertEquals("invalid_scope", rejected.reason());
            assertEquals(
                    Set.of("basic"),
                    restrictedBed
                            .link(ADA)
                            .orElseThrow()
                            .lastSent()
                            .orElseThrow()
                            .entitlements(),
                    "nothing recorded: the reconciler sends it once the client is allow-listed");
        }
    }

    @Test
    void backoffIsFullJitterUnderAGrowingCeilingAndNeverBelowRetryAfter() {
        EntitlementSync withRandom = new EntitlementSync(
                bed.wiring.entitlements(),
                bed.wiring.links(),
                bed.wiring.openAccess(),
                Clock.systemUTC(),
                new SecureRandom());
        for (int attempt = 0; attempt < 12; attempt++) {
            long ceiling = Math.min(
                    EntitlementSync.FIRST_BACKOFF.toMillis() << attempt, EntitlementSync.MAX_BACKOFF.toMillis());
            for (int draw = 0; draw < 50; draw++) {
                long wait = withRandom.backoff(attempt, Optional.empty()).toMillis();
                assertTrue(wait >= 0 && wait <= ceiling, "attempt " + attempt + " waited " + wait);
            }
        }
        assertTrue(withRandom.backoff(0, Optional.of(Duration.ofSeconds(7))).compareTo(Duration.ofSeconds(7)) >= 0);
    }
}
