package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.spotify.SpotifyFixtures.Approval;
import org.openaccess.partner.core.spotify.SpotifyFixtures.SettableSecrets;

/** The Accounts adapter against the real emulator: every grant, every error code, every kind of outage. */
class HttpAccountsClientTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(
            EmulatorConfig.defaults().withClient(EmulatorConfig.localClient().withAutoApproveUser("ada")));

    private SpotifyEmulator emulator;
    private MovingClock clock;
    private SettableSecrets secrets;
    private HttpAccountsClient accounts;

    @BeforeEach
    void wire() {
        emulator = spotify.emulator();
        clock = MovingClock.atNow();
        secrets = SpotifyFixtures.localSecrets();
        accounts = SpotifyFixtures.accounts(emulator, secrets, clock);
    }

    /** Expects Accounts to refuse the call; the exception carries its error code. */
    private static AccountsRejectedException rejected(Executable call) {
        return assertThrows(AccountsRejectedException.class, call);
    }

    /** Asks for the entitlements service token and expects Spotify to be unavailable. */
    private static SpotifyUnavailableException unavailableFor(HttpAccountsClient client) {
        return assertThrows(SpotifyUnavailableException.class, () -> client.serviceToken("soa-manage-entitlements"));
    }

    @Test
    void authorizeUrlCarriesClientCallbackScopeStateAndS256Challenge() {
        URI url = accounts.authorizeUrl("the-state", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertEquals(
                emulator.accountsUrl() + "/authorize",
                url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
        assertEquals(
                Map.of(
                        "client_id",
                        EmulatorConfig.LOCAL_CLIENT_ID,
                        "response_type",
                        "code",
                        "redirect_uri",
                        EmulatorConfig.LOCAL_REDIRECT_URI,
                        "scope",
                        "user-soa-link",
                        "state",
                        "the-state",
                        "code_challenge_method",
                        "S256",
                        "code_challenge",
                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
                SpotifyFixtures.query(url));
    }

    @Test
    void authorizeUrlEncodesStateAndChallengeSoTheyCannotAddParameters() {
        URI url = accounts.authorizeUrl("a&scope=all", "c=d e");
        Map<String, String> query = SpotifyFixtures.query(url);
        assertEquals("a&scope=all", query.get("state"));
        assertEquals("c=d e", query.get("code_challenge"));
        assertEquals("user-soa-link", query.get("scope"));
        assertEquals(7, query.size(), query.toString());
    }

    @Test
    void withoutACallbackUrlThereIsNoAuthorizeUrl() {
        HttpAccountsClient noCallback =
                SpotifyFixtures.accounts(emulator.accountsUrl(), Optional.empty(), secrets, clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noCallback.authorizeUrl("s", "c"));
        assertTrue(e.getMessage().contains("CALLBACK_URL"), e.getMessage());
    }

    @Test
    void exchangesAnApprovedCodeForTheUsersToken() throws Exception {
        Approval approval = SpotifyFixtures.approve(accounts);
        UserToken token = accounts.exchangeCode(approval.code(), approval.verifier());
        assertFalse(token.accessToken().isEmpty());
        assertTrue(token.refreshToken().isPresent());
        assertTrue(token.scope().contains("user-soa-link"), token.scope());
        assertEquals(clock.instant().plusSeconds(3600), token.expiresAt());
        assertFalse(token.toString().contains(token.accessToken()));
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        Approval approval = SpotifyFixtures.approve(accounts);
        accounts.exchangeCode(approval.code(), approval.verifier());
        AccountsRejectedException e = rejected(() -> accounts.exchangeCode(approval.code(), approval.verifier()));
        assertEquals("invalid_grant", e.error());
        assertFalse(e.getMessage().contains(approval.code()));
    }

    @Test
    void aWrongVerifierIsInvalidGrant() throws Exception {
        Approval approval = SpotifyFixtures.approve(accounts);
        AccountsRejectedException e = rejected(() -> accounts.exchangeCode(approval.code(), "x".repeat(43)));
        assertTrue(e.is("invalid_grant"), e.getMessage());
    }

    @Test
    void aMadeUpCodeIsInvalidGrant() {
        assertEquals(
                "invalid_grant",
                rejected(() -> accounts.exchangeCode("made-up-code", "x".repeat(43)))
                        .error());
    }

    @Test
    void refreshGivesANewAccessTokenAndKeepsARefreshToken() throws Exception {
        Approval approval = SpotifyFixtures.approve(accounts);
        UserToken first = accounts.exchangeCode(approval.code(), approval.verifier());
        UserToken refreshed = accounts.refresh(first.refreshToken().orElseThrow());
        assertNotEquals(first.accessToken(), refreshed.accessToken());
        assertTrue(refreshed.refreshToken().isPresent());
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() {
        assertEquals(
                "invalid_grant",
                rejected(() -> accounts.refresh("not-a-refresh-token")).error());
    }

    @Test
    void serviceTokensAreCachedPerScopeUntilAMinuteBeforeExpiry() throws Exception {
        String entitlements = accounts.serviceToken("soa-manage-entitlements");
        assertEquals(entitlements, accounts.serviceToken("soa-manage-entitlements"));
        String unlink = accounts.serviceToken("user-soa-unlink");
        assertNotEquals(entitlements, unlink);
        assertEquals(2, emulator.calls("token").size(), "one token request per scope");

        clock.advance(Duration.ofSeconds(3600 - 61));
        assertEquals(entitlements, accounts.serviceToken("soa-manage-entitlements"));
        assertEquals(2, emulator.calls("token").size());
        clock.advance(Duration.ofSeconds(2));
        assertNotEquals(entitlements, accounts.serviceToken("soa-manage-entitlements"));
        assertEquals(3, emulator.calls("token").size());
    }

    @Test
    void aForgottenServiceTokenIsFetchedAgain() throws Exception {
        String first = accounts.serviceToken("soa-manage-entitlements");
        accounts.forgetServiceToken("soa-manage-entitlements");
        assertNotEquals(first, accounts.serviceToken("soa-manage-entitlements"));
        assertEquals(2, emulator.calls("token").size());
    }

    @Test
    void aScopeTheClientLacksIsInvalidScope() {
        assertEquals(
                "invalid_scope",
                rejected(() -> accounts.serviceToken("soa-unknown-scope")).error());
    }

    @Test
    void aRotatedClientSecretIsReReadOnceAndTheRequestRetriedOnce() throws Exception {
        secrets.clientSecret = "0ld5ecret0ld5ecret0ld5ecret0ld5e";
        secrets.afterReload = EmulatorConfig.LOCAL_CLIENT_SECRET;
        assertFalse(accounts.serviceToken("soa-manage-entitlements").isEmpty());
        assertEquals(1, secrets.reloads);
        assertEquals(400, emulator.calls("token").get(0).status());
        assertEquals(200, emulator.calls("token").get(1).status());
    }

    @Test
    void aWrongSecretStaysRejectedWithoutRetryingAndWithoutShowingIt() {
        String wrong = "wr0ngwr0ngwr0ngwr0ngwr0ngwr0ng12";
        secrets.clientSecret = wrong;
        secrets.afterReload = wrong;
        AccountsRejectedException e = rejected(() -> accounts.serviceToken("soa-manage-entitlements"));
        assertEquals("invalid_client", e.error());
        assertFalse(e.getMessage().contains(wrong));
        assertEquals(1, secrets.reloads);
        assertEquals(1, emulator.calls("token").size(), "an unchanged secret is not tried twice");
    }

    @Test
    void anHtml503IsUnavailableNotAParseError() {
        emulator.faults().inject("token", Fault.status(503).times(1));
        SpotifyUnavailableException e = unavailableFor(accounts);
        assertEquals(503, e.status());
        assertFalse(e.getMessage().contains("<"), "no HTML in the message: " + e.getMessage());
    }

    @Test
    void aNonJson502IsUnavailable() {
        emulator.faults().inject("token", Fault.status(502).times(1));
        assertEquals(502, unavailableFor(accounts).status());
    }

    @Test
    void a429CarriesRetryAfter() throws Exception {
        emulator.faults()
                .inject("token", Fault.rateLimited(Duration.ofSeconds(7)).times(1));
        SpotifyUnavailableException e = unavailableFor(accounts);
        assertEquals(429, e.status());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertFalse(accounts.serviceToken("soa-manage-entitlements").isEmpty(), "the next call goes through");
    }

    @Test
    void aDroppedConnectionIsUnavailableWithoutStatus() {
        emulator.faults().inject("token", Fault.dropConnection().times(1));
        assertEquals(0, unavailableFor(accounts).status());
    }

    @Test
    void anUnreachableAccountsServiceIsUnavailable() {
        HttpAccountsClient nowhere = SpotifyFixtures.accounts(
                URI.create("http://127.0.0.1:1"), Optional.of(SpotifyFixtures.CALLBACK), secrets, clock);
        assertEquals(0, unavailableFor(nowhere).status());
    }

    @Test
    void retryAfterAlsoReadsHttpDates() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                RetryAfter.parse("Thu, 26 Nov 2026 12:00:30 GMT", new MovingClock(now)));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", new MovingClock(now)));
    }
}
