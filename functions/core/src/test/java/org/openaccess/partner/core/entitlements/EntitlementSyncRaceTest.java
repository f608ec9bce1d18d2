package org.openaccess.partner.core.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.testing.EntitlementTestBed;

/**
 * The callback's race with a concurrent change (architecture.md, Flows): the callback reads the set, registers
 * the user with it and records the link, while the partner changes the set and the stream pushes it. These
 * tests interleave the two at the points where the race can bite, with the real stores and the emulator.
 */
@org.junit.jupiter.api.Tag("integration")
class EntitlementSyncRaceTest {
    private static final Membership ADA = EntitlementTestBed.member("member-ada");

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

    private EntitlementTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new EntitlementTestBed(SPOTIFY.emulator(), Set.of());
    }

    @Test
    void aChangePushedBeforeTheCallbackRecordsTheLinkIsCaughtByTheCallbacksRecheck() {
        Instant callbackRead = Instant.now();
        bed.change(ADA, Set.of("basic"));
        bed.registerOnSpotify(ADA, "ada", Set.of("basic")); // callback: register-user with what it read
        bed.change(ADA, Set.of("premium")); // partner: a change lands meanwhile
        EntitlementSync sync = bed.wiring.entitlementSync();
        assertEquals(new SyncOutcome.NotLinked(), sync.sync(ADA)); // stream: no link yet, nothing to push

        bed.wiring
                .links()
                .recordLinked(
                        ADA,
                        bed.puid(ADA), // callback: records the link
                        new SentEntitlements(Set.of("basic"), callbackRead, Instant.now()));
        SyncOutcome recheck = sync.sync(ADA); // callback: re-reads and pushes again

        assertEquals(new SyncOutcome.Sent(1), recheck);
        assertEquals(Set.of("premium"), bed.onSpotify(ADA));
        assertEquals(
                Set.of("premium"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements());
    }

    @Test
    void aRegistrationLandingWhileAPushIsInFlightIsNotOverwrittenByTheOlderSet() {
        bed.link(ADA, "ada", Set.of("basic"));
        bed.change(ADA, Set.of("premium"));
        // Right after the push has read {premium}: the user goes through the linking flow again, the partner
        // changes the set to {basic, premium}, the callback registers that and records it (a newer read).
        AtomicReference<Runnable> afterPushRead = new AtomicReference<>(() -> {
            bed.change(ADA, Set.of("basic", "premium"));
            Instant callbackRead = Instant.now();
            bed.registerOnSpotify(ADA, "ada", Set.of("basic", "premium"));
            bed.wiring
                    .links()
                    .recordLinked(
                            ADA,
                            bed.puid(ADA),
                            new SentEntitlements(Set.of("basic", "premium"), callbackRead, Instant.now()));
        });
        EntitlementStore interleaving = membership -> {
            Set<String> read = bed.wiring.entitlements().current(membership);
            Runnable once = afterPushRead.getAndSet(null);
            if (once != null) {
                once.run();
            }
            return read;
        };
        EntitlementSync push = new EntitlementSync(
                interleaving,
                bed.wiring.links(),
                bed.wiring.openAccess(),
                Clock.systemUTC(),
                bed.wiring.secureRandom());

        SyncOutcome outcome = push.sync(ADA);

        // The push's {premium} reached Spotify after the registration: it must not be the last word.
        assertEquals(new SyncOutcome.Sent(2), outcome);
        assertEquals(Set.of("basic", "premium"), bed.onSpotify(ADA));
        assertEquals(
                Set.of("basic", "premium"),
                bed.link(ADA).orElseThrow().lastSent().orElseThrow().entitlements());
        assertEquals(2, bed.replaceCalls(), "the older set, then the current one once more");
    }
}
