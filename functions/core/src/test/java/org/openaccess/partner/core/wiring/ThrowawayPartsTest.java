package org.openaccess.partner.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionCheck;

/** What priming may use before a snapshot, and that none of it can stand in for the real thing afterwards. */
class ThrowawayPartsTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void aSessionSignedWithTheThrowawayKeyIsRefusedByAVerifierWithThePartnersKey() {
        SecretSource partners = new EnvironmentSecretSource(Map.of(
                "SPOTIFY_CLIENT_SECRET", "partner-client-secret-0123456789abcdef",
                "PARTNER_SESSION_KEY", "partner-session-key-0123456789abcdef01",
                "PUID_KEY", "partner-puid-key-0123456789abcdef0123"));
        String throwawaySession = ThrowawayParts.session("listener-1", CLOCK.instant());

        SessionCheck check =
                new JwtSessionVerifier(partners, Optional.empty(), null, CLOCK).verify(Optional.of(throwawaySession));

        assertEquals(new SessionCheck.Invalid("bad signature"), check);
        assertInstanceOf(
                SessionCheck.Valid.class, ThrowawayParts.sessions(CLOCK).verify(Optional.of(throwawaySession)));
    }

    /**
     * The throwaway generator is not of the default algorithm, the one the container's generator creates after
     * restore: drawing from it before a snapshot leaves no state (such as NativePRNG's shared mixing generator)
     * that the container's draws would use.
     */
    @Test
    void theThrowawayGeneratorSharesNoAlgorithmWithTheContainersGenerator() {
        SecureRandom throwaway = ThrowawayParts.generator();
        String containers = new SecureRandom().getAlgorithm();

        assertNotEquals(containers, throwaway.getAlgorithm());
        assertNotSame(throwaway, ThrowawayParts.generator(), "a new one for each priming");
    }

    /**
     * The empty link-state store answers as DynamoDB does for a state it does not hold: with the browser's binding,
     * the conditional delete is refused and the existence check finds nothing (unknown); without it, unknown too.
     */
    @Test
    void theEmptyLinkStateStoreKnowsNoStateWhateverTheCallbackCarries() {
        LinkStateStore empty = ThrowawayParts.emptyLinkStates("partner-1");

        assertInstanceOf(
                LinkStateStore.Consumed.Unknown.class,
                empty.consume(OneWayHash.of("state-1"), Optional.of(OneWayHash.of("nonce-1"))));
        assertInstanceOf(
                LinkStateStore.Consumed.Unknown.class, empty.consume(OneWayHash.of("state-1"), Optional.empty()));
    }

    /** Every AWS call of the warm-up (six kinds, a conditional delete DynamoDB refuses, and the throwaway secret's read by a secret source) is answered in memory. */
    @Test
    void warmUpAnswersEveryAwsCallInMemoryThroughTheUrlConnectionClient() {
        assertEquals(8 * 2, WarmUp.awsSdkCalls("member-1", 2));
    }
}
