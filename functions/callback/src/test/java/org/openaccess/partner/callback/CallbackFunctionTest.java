package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/** GET /callback through the deployed handler class, each pass started at the real /link and Spotify's /authorize. */
@org.junit.jupiter.api.Tag("integration")
class CallbackFunctionTest {
    private static final String SHOW = "spotify:show:" + EmulatorConfig.BASIC_SHOW_ID;

    @RegisterExtension
    static DeployedFunction<CallbackFunction> callback =
            LinkingStack.deployed(EmulatorConfig.defaults().withAutoApproveUser("ada"));

    private final LinkingStack stack = LinkingStack.on(callback);
    private final TestContext context = TestContext.create();

    /** The page the listener sees: its status and the code it shows. */
    private static void assertPage(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ShownError.code(response));
    }

    /** The listener approves at Spotify, {@code meanwhile} happens, then the browser reaches the callback. */
    private APIGatewayV2HTTPResponse callbackAfter(String userId, Runnable meanwhile) {
        LinkingStack.Approved approved = stack.linkUpToCallback(userId);
        meanwhile.run();
        return stack.invokeCallback(LinkingStack.callbackEvent(approved), context);
    }

    @Test
    void happyPathEndsOnSpotifysCompletionPageWithTheEntitlementsRegistered() {
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-1"), Set.of("premium"));
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-1");

        APIGatewayV2HTTPResponse response = stack.invokeCallback(LinkingStack.callbackEvent(approved), context);

        assertEquals(302, response.getStatusCode(), response.getBody());
        URI completion = URI.create(response.getHeaders().get("Location"));
        assertEquals(callback.spotify().baseUrl().getPort(), completion.getPort());
        assertTrue(completion.getPath().startsWith("/completion/"), completion.toString());
        assertEquals(Set.of("premium"), stack.spotifyEntitlements("listener-1"));
        Link link = stack.deployment().link("listener-1").orElseThrow();
        assertTrue(link.isLinked());
        assertEquals(stack.puid("listener-1"), link.partnerUserId());
        assertEquals(Set.of("premium"), link.lastSent().orElseThrow().entitlements());
        assertTrue(
                response.getCookies().contains("__Host-soa_link=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"),
                "the binding cookie is cleared: " + response.getCookies());
        assertEquals(0, stack.storedStates(), "the state is used up");
    }

    @Test
    void theSuccessLogLineHasTheOutcomeAndNoCodeStateOrToken() throws Exception {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-2");

        stack.invokeCallback(LinkingStack.callbackEvent(approved), context);

        assertEquals(1, context.loggedLines().size(), context.logs());
        JsonNode line = new ObjectMapper().readTree(context.loggedLines().get(0));
        assertEquals("linked", line.path("outcome").asText());
        assertEquals("GET /callback", line.path("route").asText());
        assertEquals(302, line.path("status").asInt());
        assertTrue(line.path("detail").asText().startsWith("sync="), line.toString());
        for (String secret : List.of(
                approved.code(),
                approved.state(),
                approved.bindingNonce(),
                TestDeployment.PUID_KEY,
                EmulatorConfig.LOCAL_CLIENT_SECRET)) {
            assertFalse(context.logs().contains(secret), "a secret value was logged");
        }
    }

    @Test
    void linkingAgainReplacesWhatSpotifyHolds() {
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-3"), Set.of("basic"));
        stack.invokeCallback(LinkingStack.callbackEvent(stack.linkUpToCallback("listener-3")), context);
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-3"), Set.of("premium"));

        APIGatewayV2HTTPResponse again =
                stack.invokeCallback(LinkingStack.callbackEvent(stack.linkUpToCallback("listener-3")), context);

        assertEquals(302, again.getStatusCode());
        assertEquals(Set.of("premium"), stack.spotifyEntitlements("listener-3"));
    }

    @Test
    void aReplayedStateIsRefusedAndTheCodeIsNotExchangedTwice() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-4");
        stack.invokeCallback(LinkingStack.callbackEvent(approved), context);
        int exchanges = stack.calls("token").size();

        APIGatewayV2HTTPResponse replay = stack.invokeCallback(LinkingStack.callbackEvent(approved), context);

        assertPage(replay, 400, "state_unknown");
        assertTrue(replay.getBody().contains("href=\"/link\""));
        assertEquals(exchanges, stack.calls("token").size(), "no second token exchange");
    }

    @Test
    void aStateFromAnotherBrowserIsRefused() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-5");
        LinkingStack.Approved otherBrowser = new LinkingStack.Approved(
                approved.code(),
                approved.state(),
                stack.startLink("listener-5", Optional.empty()).bindingNonce());

        APIGatewayV2HTTPResponse response = stack.invokeCallback(LinkingStack.callbackEvent(otherBrowser), context);

        assertPage(response, 400, "state_other_browser");
        assertTrue(stack.spotifyEntitlements("listener-5").isEmpty());
        assertTrue(stack.deployment().link("listener-5").isEmpty());
    }

    @Test
    void aStateWithoutItsBindingCookieIsRefused() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-6");

        APIGatewayV2HTTPResponse response = stack.invokeCallback(
                HttpEvents.get("/callback")
                        .query("code", approved.code())
                        .query("state", approved.state())
                        .build(),
                context);

        assertPage(response, 400, "state_other_browser");
    }

    @Test
    void anExpiredStateIsRefused() {
        APIGatewayV2HTTPResponse response =
                callbackAfter("listener-7", () -> stack.clock().advance(LinkState.LIFETIME.plusSeconds(1)));

        assertPage(response, 400, "state_expired");
        assertTrue(response.getBody().contains("within 10 minutes"));
        assertTrue(stack.deployment().link("listener-7").isEmpty());
    }

    @Test
    void aListenerWhoCancelsOnSpotifyGetsAFriendlyPageAndTheStateIsUsedUp() {
        LinkingStack.Started started = stack.startLink("listener-8", Optional.of(SHOW));

        APIGatewayV2HTTPResponse response =
                stack.invokeCallback(LinkingStack.errorEvent(started, "access_denied"), context);

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("You did not link your Spotify account"));
        assertEquals("user_cancelled", ShownError.code(response));
        assertTrue(
                response.getBody()
                        .contains(
                                "href=\"/link?spotifyShowUri=spotify%3Ashow%3A" + EmulatorConfig.BASIC_SHOW_ID + "\""),
                response.getBody());
        assertEquals(0, stack.storedStates());
    }

    @ParameterizedTest(name = "binding cookie {0}")
    @ValueSource(booleans = {true, false})
    void aCancelFromAnotherBrowserNeitherShowsTheCancelPageNorUsesUpTheState(boolean foreignCookie) {
        LinkingStack.Started started = stack.startLink("listener-8b", Optional.of(SHOW));
        HttpEvents cancel =
                HttpEvents.get("/callback").query("error", "access_denied").query("state", started.state());
        if (foreignCookie) {
            cancel.cookie(
                    "__Host-soa_link",
                    stack.startLink("listener-8c", Optional.empty()).bindingNonce());
        }

        APIGatewayV2HTTPResponse refused = stack.invokeCallback(cancel.build(), context);

        assertPage(refused, 400, "state_other_browser");
        APIGatewayV2HTTPResponse owner =
                stack.invokeCallback(LinkingStack.callbackEvent(stack.approve(started)), context);
        assertEquals(302, owner.getStatusCode(), "the listener's own browser still finishes: " + owner.getBody());
        assertTrue(stack.deployment().link("listener-8b").orElseThrow().isLinked());
    }

    @Test
    void aCodeFromAnotherBrowserDoesNotUseUpTheStateEither() {
        LinkingStack.Started started = stack.startLink("listener-8d", Optional.empty());
        LinkingStack.Approved approved = stack.approve(started);
        String otherNonce = stack.startLink("listener-8e", Optional.empty()).bindingNonce();

        APIGatewayV2HTTPResponse refused = stack.invokeCallback(
                LinkingStack.callbackEvent(new LinkingStack.Approved(approved.code(), approved.state(), otherNonce)),
                context);
        APIGatewayV2HTTPResponse owner = stack.invokeCallback(LinkingStack.callbackEvent(approved), context);

        assertEquals("state_other_browser", ShownError.code(refused));
        assertEquals(302, owner.getStatusCode(), owner.getBody());
    }

    @Test
    void anotherAuthorizationErrorIsA400Page() {
        LinkingStack.Started started = stack.startLink("listener-9", Optional.empty());

        APIGatewayV2HTTPResponse response =
                stack.invokeCallback(LinkingStack.errorEvent(started, "server_error"), context);

        assertPage(response, 400, "authorization_failed");
    }

    @Test
    void aCodeSpotifyRejectsIsA400Page() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-10");
        LinkingStack.Approved forged =
                new LinkingStack.Approved("not-a-code-spotify-issued", approved.state(), approved.bindingNonce());

        APIGatewayV2HTTPResponse response = stack.invokeCallback(LinkingStack.callbackEvent(forged), context);

        assertPage(response, 400, "code_rejected");
        assertTrue(stack.deployment().link("listener-10").isEmpty());
    }

    static Stream<Arguments> spotifyFailures() {
        return Stream.of(
                Arguments.of("token", Named.of("503", Fault.status(503))),
                Arguments.of("token", Named.of("429", Fault.rateLimited(Duration.ofSeconds(30)))),
                Arguments.of("register-user", Named.of("a dropped connection", Fault.dropConnection())),
                Arguments.of("register-user", Named.of("503", Fault.status(503))),
                Arguments.of("register-user", Named.of("429", Fault.rateLimited(Duration.ofSeconds(5)))));
    }

    /** Spotify failing the token exchange or register-user: a 503 page with a try-again link, no link recorded. */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("spotifyFailures")
    void spotifyFailingIsA503PageWithTryAgainAndNoLinkIsRecorded(String endpoint, Fault fault) {
        APIGatewayV2HTTPResponse response =
                callbackAfter("listener-11", () -> callback.spotify().faults().inject(endpoint, fault));

        assertPage(response, 503, "spotify_unavailable");
        assertTrue(response.getBody().contains("href=\"/link\""));
        assertTrue(stack.deployment().link("listener-11").isEmpty());
    }

    @Test
    void aSpotifyAccountLinkedToAnotherPartnerUserGetsTheUnlinkAdvice() {
        stack.invokeCallback(LinkingStack.callbackEvent(stack.linkUpToCallback("listener-15a")), context);

        APIGatewayV2HTTPResponse response =
                stack.invokeCallback(LinkingStack.callbackEvent(stack.linkUpToCallback("listener-15b")), context);

        assertPage(response, 409, "already_linked_elsewhere");
        assertTrue(response.getBody().contains("https://www.spotify.com/account/apps/"));
        assertTrue(stack.deployment().link("listener-15b").isEmpty());
    }

    @Test
    void aCompletionUrlOnAHostNotAllowedIsNotFollowed() {
        try (LinkingStack strict = LinkingStack.start(callback.spotify(), Map.of())) {
            APIGatewayV2HTTPResponse response =
                    strict.invokeCallback(LinkingStack.callbackEvent(strict.linkUpToCallback("listener-16")), context);

            assertPage(response, 502, "completion_host_not_allowed");
            assertEquals(null, response.getHeaders().get("Location"));
        }
    }

    @Test
    void pagesCarryTheSecurityHeadersAndApiClientsGetJson() throws Exception {
        APIGatewayV2HTTPResponse page =
                stack.invokeCallback(HttpEvents.get("/callback").build(), context);
        APIGatewayV2HTTPResponse json = stack.invokeCallback(
                HttpEvents.get("/callback").header("accept", "application/json").build(), context);

        assertEquals("no-store", page.getHeaders().get("Cache-Control"));
        assertEquals("no-referrer", page.getHeaders().get("Referrer-Policy"));
        assertTrue(page.getHeaders().get("Content-Security-Policy").contains("default-src 'none'"));
        assertEquals(400, json.getStatusCode());
        assertEquals(
                "invalid_request",
                new ObjectMapper().readTree(json.getBody()).path("error").asText());
    }

    @Test
    void whenDynamoDbIsUnavailableTheListenerSeesA503Page() {
        try (LinkingStack broken =
                LinkingStack.start(callback.spotify(), Map.of("LINK_STATES_TABLE", "no-such-table"))) {
            APIGatewayV2HTTPResponse response = broken.invokeCallback(
                    HttpEvents.get("/callback")
                            .query("code", "some-code")
                            .query("state", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                            .cookie("__Host-soa_link", "nonce")
                            .build(),
                    context);

            assertPage(response, 503, "storage_unavailable");
            assertFalse(response.getBody().contains("no-such-table"), "no internals in the page");
        }
    }

    @Test
    void primingNeitherConsumesStatesNorCallsSpotify() {
        LinkingStack.Started started = stack.startLink("listener-17", Optional.empty());
        int calls = callback.spotify().calls().size();

        stack.callback().beforeCheckpoint(null);

        assertEquals(1, stack.storedStates());
        assertEquals(calls, callback.spotify().calls().size());
        assertTrue(started.state().length() > 0);
    }

    /** Priming's stale callbacks ran over an in-memory store: a listener's own state still completes after them. */
    @Test
    void afterPrimingAListenersCallbackStillLinks() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-18");

        stack.callback().beforeCheckpoint(null);
        APIGatewayV2HTTPResponse response = stack.invokeCallback(LinkingStack.callbackEvent(approved), context);

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertTrue(stack.deployment().link("listener-18").orElseThrow().isLinked());
        assertEquals(0, stack.storedStates(), "the state is used up");
        assertEquals(1, context.loggedLines().size(), "priming wrote no log line: " + context.logs());
    }
}
