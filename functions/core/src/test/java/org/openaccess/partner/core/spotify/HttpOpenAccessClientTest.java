package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaccess.partner.core.spotify.SpotifyFixtures.ok;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.PartnerConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.spotify.SpotifyFixtures.Approval;
import org.openaccess.partner.core.spotify.SpotifyFixtures.SettableSecrets;

/** The Open Access adapter against the real emulator, which verifies every JWS and token it receives. */
class HttpOpenAccessClientTest {
    private static final String PARTNER = EmulatorConfig.LOCAL_PARTNER_ID;
    /** A second partner id of the same client (a membership platform's creator). */
    private static final String CREATOR = "LocalCreatorPartner002";

    private static final String PUID = "0123456789abcdef".repeat(4);
    private static final String OTHER_PUID = "fedcba9876543210".repeat(4);

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(EmulatorConfig.defaults()
            .withClient(EmulatorConfig.localClient()
                    .withAutoApproveUser("ada")
                    .withPartner(new PartnerConfig(
                            CREATOR, "Local Creator Two", URI.create("http://127.0.0.1:3000/link/two")))));

    private SpotifyEmulator emulator;
    private SettableSecrets secrets;
    private HttpAccountsClient accounts;
    private HttpOpenAccessClient openAccess;

    @BeforeEach
    void wire() {
        emulator = spotify.emulator();
        MovingClock clock = MovingClock.atNow();
        secrets = SpotifyFixtures.localSecrets();
        accounts = SpotifyFixtures.accounts(emulator, secrets, clock);
        openAccess = SpotifyFixtures.openAccess(emulator, accounts, secrets, clock);
    }

    private String userToken() throws Exception {
        Approval approval = SpotifyFixtures.approve(accounts);
        return accounts.exchangeCode(approval.code(), approval.verifier()).accessToken();
    }

    private void linked(String puid, Set<String> entitlements) {
        assertTrue(emulator.addLink(PARTNER, puid, "grace", entitlements));
    }

    @Test
    void registerUserLinksTheAccountAndReturnsTheCompletionUrl() throws Exception {
        URI completion = ok(openAccess.registerUser(PARTNER, userToken(), PUID, Set.of("premium", "basic")));
        assertTrue(completion.toString().startsWith(emulator.baseUrl().toString()), String.valueOf(completion));
        assertEquals(Set.of("basic", "premium"), emulator.entitlements(PARTNER, PUID));
        assertEquals("ada", emulator.link(PARTNER, PUID).orElseThrow().spotifyUserId());
    }

    @Test
    void eachCallGoesToThePartnerIdItNames() throws Exception {
        ok(openAccess.registerUser(CREATOR, userToken(), PUID, Set.of("gold")));
        assertEquals(Set.of("gold"), emulator.entitlements(CREATOR, PUID));
        assertEquals(Optional.empty(), emulator.link(PARTNER, PUID), "the default partner has no such link");

        ok(openAccess.replaceEntitlements(CREATOR, PUID, Set.of("gold", "silver")));
        assertEquals(Set.of("gold", "silver"), ok(openAccess.getEntitlements(CREATOR, PUID)));
        assertInstanceOf(OpenAccessResult.NotLinked.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of("x")));
        assertEquals(CREATOR, emulator.calls("register-user").getFirst().partnerId());

        ok(openAccess.unlinkUser(CREATOR, PUID));
        assertEquals(Optional.empty(), emulator.link(CREATOR, PUID));
    }

    @Test
    void registerUserAgainReplacesTheEntitlements() throws Exception {
        String token = userToken();
        openAccess.registerUser(PARTNER, token, PUID, Set.of("premium"));
        assertInstanceOf(OpenAccessResult.Ok.class, openAccess.registerUser(PARTNER, token, PUID, Set.of("basic")));
        assertEquals(Set.of("basic"), emulator.entitlements(PARTNER, PUID));
    }

    @Test
    void anAccountLinkedToAnotherPartnerUserIsAConflict() throws Exception {
        assertTrue(emulator.addLink(PARTNER, OTHER_PUID, "ada", Set.of("basic")));
        OpenAccessResult<URI> result = openAccess.registerUser(PARTNER, userToken(), PUID, Set.of("basic"));
        assertEquals(
                409, assertInstanceOf(OpenAccessResult.Conflict.class, result).status());
    }

    @Test
    void registerUserWithABadUserTokenIsRejected() {
        OpenAccessResult<URI> result = openAccess.registerUser(PARTNER, "not-a-token", PUID, Set.of("basic"));
        assertEquals(
                401, assertInstanceOf(OpenAccessResult.Rejected.class, result).status());
    }

    @Test
    void entitlementsCanBeAddedDeletedAndReplaced() {
        linked(PUID, Set.of("basic"));
        ok(openAccess.addEntitlements(PARTNER, PUID, Set.of("premium")));
        assertEquals(Set.of("basic", "premium"), emulator.entitlements(PARTNER, PUID));
        ok(openAccess.deleteEntitlements(PARTNER, PUID, Set.of("basic")));
        assertEquals(Set.of("premium"), emulator.entitlements(PARTNER, PUID));
        ok(openAccess.replaceEntitlements(PARTNER, PUID, Set.of("basic")));
        assertEquals(Set.of("basic"), emulator.entitlements(PARTNER, PUID));
        ok(openAccess.replaceEntitlements(PARTNER, PUID, Set.of()));
        assertEquals(Set.of(), emulator.entitlements(PARTNER, PUID));
        assertEquals(1, emulator.calls("token").size(), "one cached service token for all of them");
    }

    @Test
    void aUserWhoIsNotLinkedIsNotLinked() {
        assertInstanceOf(
                OpenAccessResult.NotLinked.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of("basic")));
        assertInstanceOf(OpenAccessResult.NotLinked.class, openAccess.addEntitlements(PARTNER, PUID, Set.of("basic")));
    }

    @Test
    void unlinkRemovesTheLinkAndASecondUnlinkFindsNone() {
        linked(PUID, Set.of("basic"));
        ok(openAccess.unlinkUser(PARTNER, PUID));
        assertEquals(Optional.empty(), emulator.link(PARTNER, PUID));
        assertInstanceOf(OpenAccessResult.NotLinked.class, openAccess.unlinkUser(PARTNER, PUID));
    }

    @Test
    void aUserWhoUnlinkedOnSpotifysSideIsNotLinked() {
        linked(PUID, Set.of("basic"));
        emulator.unlinkOnSpotify(PARTNER, PUID);
        assertInstanceOf(
                OpenAccessResult.NotLinked.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of("premium")));
    }

    @Test
    void aRevokedServiceTokenIsReplacedOnceAfter401() {
        linked(PUID, Set.of("basic"));
        ok(openAccess.replaceEntitlements(PARTNER, PUID, Set.of("basic")));
        emulator.expireAccessTokens();
        ok(openAccess.replaceEntitlements(PARTNER, PUID, Set.of("premium")));
        assertEquals(Set.of("premium"), emulator.entitlements(PARTNER, PUID));
        assertEquals(2, emulator.calls("token").size());
        assertEquals(401, emulator.calls("replace-entitlements").get(1).status());
    }

    @Test
    void aScopeTheClientLacksIsRejectedAsInvalidScope() {
        try (SpotifyEmulator narrow = SpotifyEmulator.start(
                EmulatorConfig.defaults()
                        .withClient(EmulatorConfig.localClient().withoutScope("soa-manage-entitlements")),
                0)) {
            HttpAccountsClient narrowAccounts = SpotifyFixtures.accounts(narrow, secrets, MovingClock.atNow());
            OpenAccessResult<Void> result = SpotifyFixtures.openAccess(
                            narrow, narrowAccounts, secrets, MovingClock.atNow())
                    .replaceEntitlements(PARTNER, PUID, Set.of("basic"));
            OpenAccessResult.Rejected<Void> rejected = assertInstanceOf(OpenAccessResult.Rejected.class, result);
            assertEquals(400, rejected.status());
            assertEquals("invalid_scope", rejected.reason());
        }
    }

    @Test
    void rateLimitingIsRetryableWithRetryAfter() {
        linked(PUID, Set.of("basic"));
        emulator.faults()
                .inject(
                        "replace-entitlements",
                        Fault.rateLimited(Duration.ofSeconds(12)).times(1));
        OpenAccessResult.Retryable<Void> retry = assertInstanceOf(
                OpenAccessResult.Retryable.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of("premium")));
        assertEquals(429, retry.status());
        assertEquals(Optional.of(Duration.ofSeconds(12)), retry.retryAfter());
        ok(openAccess.replaceEntitlements(PARTNER, PUID, Set.of("premium")));
        assertEquals(Set.of("premium"), emulator.entitlements(PARTNER, PUID));
    }

    @Test
    void serverErrorsAreRetryable() {
        linked(PUID, Set.of("basic"));
        emulator.faults().inject("replace-entitlements", Fault.status(503).times(1));
        assertEquals(
                503,
                assertInstanceOf(
                                OpenAccessResult.Retryable.class,
                                openAccess.replaceEntitlements(PARTNER, PUID, Set.of("premium")))
                        .status());
        emulator.faults().inject("register-user", Fault.status(500).times(1));
        assertEquals(
                500,
                assertInstanceOf(
                                OpenAccessResult.Retryable.class,
                                openAccess.registerUser(PARTNER, "any-token", PUID, Set.of("basic")))
                        .status());
    }

    @Test
    void aDroppedConnectionIsRetryableWithoutStatus() {
        linked(PUID, Set.of("basic"));
        emulator.faults().inject("replace-entitlements", Fault.dropConnection().times(1));
        assertEquals(
                0,
                assertInstanceOf(
                                OpenAccessResult.Retryable.class,
                                openAccess.replaceEntitlements(PARTNER, PUID, Set.of()))
                        .status());
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        linked(PUID, Set.of("basic"));
        emulator.faults()
                .inject(
                        "replace-entitlements",
                        Fault.latency(SpotifyHttp.REQUEST_TIMEOUT.plusSeconds(2))
                                .times(1));
        OpenAccessResult.Retryable<Void> retry = assertInstanceOf(
                OpenAccessResult.Retryable.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of()));
        assertEquals(0, retry.status());
        assertEquals("timed out", retry.reason());
    }

    @Test
    void accountsUnavailableMakesTheCallRetryable() {
        emulator.faults()
                .inject("token", Fault.rateLimited(Duration.ofSeconds(3)).times(1));
        OpenAccessResult.Retryable<Void> retry = assertInstanceOf(
                OpenAccessResult.Retryable.class, openAccess.replaceEntitlements(PARTNER, PUID, Set.of("basic")));
        assertEquals(429, retry.status());
        assertEquals(Optional.of(Duration.ofSeconds(3)), retry.retryAfter());
        assertEquals(0, emulator.calls("replace-entitlements").size());
    }

    @Test
    void secretsManagerBeingDownIsRetryableWithoutAnyCall() {
        SecretSource down = new SecretSource() {
            @Override
            public PartnerSecrets current() {
                throw new SecretsUnavailableException(
                        "Could not read secret partner/x from Secrets Manager: InternalServiceError", null);
            }

            @Override
            public PartnerSecrets reloadAfterRejection() {
                return current();
            }
        };
        HttpOpenAccessClient client = SpotifyFixtures.openAccess(
                emulator, SpotifyFixtures.accounts(emulator, down, MovingClock.atNow()), down, MovingClock.atNow());
        assertEquals(
                0,
                assertInstanceOf(
                                OpenAccessResult.Retryable.class,
                                client.replaceEntitlements(PARTNER, PUID, Set.of("basic")))
                        .status());
        assertEquals(
                0,
                assertInstanceOf(
                                OpenAccessResult.Retryable.class,
                                client.registerUser(PARTNER, "token", PUID, Set.of("basic")))
                        .status());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void getEntitlementsReadsWhatSpotifyHoldsForALinkedUser() {
        assertTrue(emulator.addLink(PARTNER, PUID, "grace", Set.of("basic", "premium")));
        assertEquals(Set.of("basic", "premium"), ok(openAccess.getEntitlements(PARTNER, PUID)));
    }

    @Test
    void getEntitlementsOfAUserWhoIsNotLinkedIsNotLinked() {
        assertInstanceOf(OpenAccessResult.NotLinked.class, openAccess.getEntitlements(PARTNER, PUID));
    }
}
