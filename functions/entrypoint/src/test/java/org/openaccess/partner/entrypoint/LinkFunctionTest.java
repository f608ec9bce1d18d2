package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.web.CoreBeans;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET /link through the deployed handler class, as API Gateway would call it. */
@org.junit.jupiter.api.Tag("integration")
class LinkFunctionTest {
    private static final Set<Setting> REQUIRED = new EntrypointSettings().required();
    private static final String SHOW = "spotify:show:" + EmulatorConfig.PREMIUM_SHOW_ID;

    @RegisterExtension
    static DeployedFunction<EntrypointFunction> entrypoint =
            DeployedFunction.of(REQUIRED, wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));

    private static TestDeployment deployment() {
        return entrypoint.deployment();
    }

    /** GET /link from the browser of a listener logged in at the partner. */
    private static HttpEvents linkAs(String userId) {
        return deployment().signedIn(HttpEvents.get("/link"), userId);
    }

    @Test
    void aLoggedInListenerIsSentToSpotifysConsentPageWithStatePkceAndTheCallbackUrl() {
        APIGatewayV2HTTPResponse response = entrypoint.send(linkAs("listener-1"));

        assertEquals(302, response.getStatusCode());
        URI location = URI.create(response.getHeaders().get("Location"));
        assertEquals(entrypoint.spotify().accountsUrl().getHost(), location.getHost());
        assertEquals("/authorize", location.getPath());
        Map<String, String> query = HttpEvents.queryParameters(location);
        assertEquals(EmulatorConfig.LOCAL_CLIENT_ID, query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertEquals("user-soa-link", query.get("scope"));
        assertEquals(TestDeployment.CALLBACK_URL, query.get("redirect_uri"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("state").matches("[A-Za-z0-9_-]{43}"), "state carries 256 random bits");
        assertTrue(query.get("code_challenge").matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void theStateIsStoredOnlyAsItsHashWithTheVerifierBindingAndTenMinuteExpiry() {
        APIGatewayV2HTTPResponse response = entrypoint.send(linkAs("listener-2").query("spotifyShowUri", SHOW));

        String state = HttpEvents.queryParameters(
                        URI.create(response.getHeaders().get("Location")))
                .get("state");
        List<Map<String, AttributeValue>> items = deployment().storedStateItems();
        assertEquals(1, items.size());
        String everything = items.get(0).toString();
        assertFalse(everything.contains(state), "the raw state is never stored");
        assertTrue(everything.contains(sha256(state)), "the state's SHA-256 is the key");
        assertTrue(everything.contains("listener-2"));
        assertTrue(everything.contains(SHOW));
        String nonce = bindingNonce(response);
        assertFalse(everything.contains(nonce), "the binding nonce is stored only as its hash");
        assertTrue(everything.contains(sha256(nonce)));
        String challenge = HttpEvents.queryParameters(
                        URI.create(response.getHeaders().get("Location")))
                .get("code_challenge");
        assertFalse(everything.contains(challenge), "the verifier is stored, not the challenge");
        long expiry = deployment().clock.instant().plus(LinkState.LIFETIME).getEpochSecond();
        assertTrue(everything.contains(Long.toString(expiry)), "expires ten minutes after it was made: " + everything);
    }

    @Test
    void theBrowserGetsAHostOnlyHttpOnlySecureLaxBindingCookie() {
        APIGatewayV2HTTPResponse response = entrypoint.send(linkAs("listener-3"));

        assertNotNull(response.getCookies());
        assertEquals(1, response.getCookies().size());
        String cookie = response.getCookies().get(0);
        assertTrue(cookie.startsWith("__Host-soa_link="), cookie);
        assertTrue(cookie.contains("; Path=/"));
        assertTrue(cookie.contains("; Secure"));
        assertTrue(cookie.contains("; HttpOnly"));
        assertTrue(cookie.contains("; SameSite=Lax"));
        assertTrue(cookie.contains("; Max-Age=600"));
        assertFalse(cookie.contains("Domain="), "__Host- cookies have no Domain");
        assertNull(response.getHeaders().get("Set-Cookie"), "payload 2.0 cookies travel in the cookies field");
    }

    @Test
    void everyPassGetsItsOwnStateAndNonce() {
        String session = deployment().sessionFor("listener-4");
        APIGatewayV2HTTPResponse first =
                entrypoint.send(HttpEvents.get("/link").cookie(TestDeployment.SESSION_COOKIE, session));
        APIGatewayV2HTTPResponse second =
                entrypoint.send(HttpEvents.get("/link").cookie(TestDeployment.SESSION_COOKIE, session));

        assertNotEquals(
                HttpEvents.queryParameters(URI.create(first.getHeaders().get("Location")))
                        .get("state"),
                HttpEvents.queryParameters(URI.create(second.getHeaders().get("Location")))
                        .get("state"));
        assertNotEquals(bindingNonce(first), bindingNonce(second));
        assertEquals(2, deployment().storedStates());
    }

    @Test
    void withoutASessionTheListenerIsSentToLogInAndBackToLink() {
        APIGatewayV2HTTPResponse response = entrypoint.send(HttpEvents.get("/link"));

        assertEquals(302, response.getStatusCode());
        URI location = URI.create(response.getHeaders().get("Location"));
        assertTrue(location.toString().startsWith(TestDeployment.LOGIN_URL + "?"), location.toString());
        assertEquals("/link", HttpEvents.queryParameters(location).get("return"));
        assertEquals(0, deployment().storedStates(), "no state before the listener is known");
        assertNull(response.getCookies());
    }

    @Test
    void theLoginReturnAddressKeepsAValidShow() {
        APIGatewayV2HTTPResponse response =
                entrypoint.send(HttpEvents.get("/link").query("spotifyShowUri", SHOW));

        assertEquals(
                "/link?spotifyShowUri=" + SHOW,
                URLDecoder.decode(
                        HttpEvents.queryParameters(
                                        URI.create(response.getHeaders().get("Location")))
                                .get("return"),
                        StandardCharsets.UTF_8));
    }

    @Test
    void aTamperedReturnAddressIsIgnoredTheLoginOnlyEverLeadsBackToLink() {
        APIGatewayV2HTTPResponse response = entrypoint.send(HttpEvents.get("/link")
                .query("return", "https://evil.example/steal")
                .query("spotifyShowUri", SHOW)
                .query("next", "//evil.example"));

        String location = response.getHeaders().get("Location");
        assertFalse(location.contains("evil"), location);
        String returnPath = HttpEvents.queryParameters(URI.create(location)).get("return");
        assertTrue(returnPath.startsWith("/link"), returnPath);
        assertFalse(returnPath.startsWith("//"));
    }

    @Test
    void aForgedSessionIsTreatedAsNoSessionAndLogsWhyWithoutTheToken() {
        String forged = SessionTokens.issue(
                "an-attackers-own-key-0123456789abcdef",
                "listener-5",
                deployment().clock.instant(),
                Duration.ofHours(1));
        APIGatewayV2HTTPResponse response =
                entrypoint.send(HttpEvents.get("/link").cookie(TestDeployment.SESSION_COOKIE, forged));

        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").startsWith(TestDeployment.LOGIN_URL));
        assertEquals(0, deployment().storedStates());
        JsonNode line = onlyLogLine();
        assertEquals("login_required", line.path("outcome").asText());
        assertTrue(line.path("detail").asText().startsWith("session_invalid"), line.toString());
        assertFalse(entrypoint.context().logs().contains(forged));
    }

    /** 600 bytes: past the documented limit; 2,100: past DynamoDB's 2,048-byte key, which /callback met too late. */
    @ParameterizedTest
    @ValueSource(ints = {600, 2100})
    void aSessionWhoseSubCannotBeAUserIdIsSentToLogInAndNothingIsStoredOrSent(int bytes) {
        String subject = "é".repeat(bytes / 2);
        int callsBefore = entrypoint.spotify().calls().size();

        APIGatewayV2HTTPResponse response = entrypoint.send(linkAs(subject));

        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").startsWith(TestDeployment.LOGIN_URL), "to the login");
        assertEquals(0, deployment().storedStates());
        assertNull(response.getCookies());
        assertEquals(callsBefore, entrypoint.spotify().calls().size());
        assertTrue(onlyLogLine().path("detail").asText().startsWith("session_invalid"));
    }

    @Test
    void aSessionWhoseSubHoldsALineSeparatorIsSentToLogIn() {
        APIGatewayV2HTTPResponse response = entrypoint.send(linkAs("listener-\u2028-12"));

        assertTrue(response.getHeaders().get("Location").startsWith(TestDeployment.LOGIN_URL));
        assertEquals(0, deployment().storedStates());
    }

    @Test
    void anExpiredSessionMustLogInAgain() {
        String expired = SessionTokens.issue(
                TestDeployment.SESSION_KEY,
                "listener-6",
                deployment().clock.instant().minus(Duration.ofHours(2)),
                Duration.ofHours(1));
        APIGatewayV2HTTPResponse response =
                entrypoint.send(HttpEvents.get("/link").cookie(TestDeployment.SESSION_COOKIE, expired));

        assertTrue(response.getHeaders().get("Location").startsWith(TestDeployment.LOGIN_URL));
        assertEquals(0, deployment().storedStates());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "spotify:show:tooShort",
                "spotify:episode:LunarPremiumShow000002",
                "https://open.spotify.com/show/LunarPremiumShow000002",
                "spotify:show:LunarPremiumShow00000<2",
                "spotify:show:LunarPremiumShow000002,spotify:show:LunarBasicShow00000001"
            })
    void aMalformedShowIsA400PageWithAStableCode(String showUri) {
        APIGatewayV2HTTPResponse response = entrypoint.send(
                linkAs("listener-7").query("spotifyShowUri", showUri).header("accept", "text/html"));

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertEquals("invalid_show_uri", ShownError.code(response));
        assertTrue(response.getBody().contains("This show link is not valid"));
        assertFalse(response.getBody().contains("<2"), "input is never echoed into the page");
        assertEquals(0, deployment().storedStates());
        assertEquals("invalid_show_uri", onlyLogLine().path("errorCode").asText());
    }

    @Test
    void aRepeatedShowParameterIsRejectedToo() {
        APIGatewayV2HTTPResponse response = entrypoint.send(
                HttpEvents.get("/link").query("spotifyShowUri", SHOW).query("spotifyShowUri", SHOW));

        assertEquals(400, response.getStatusCode());
        assertEquals("invalid_show_uri", ShownError.code(response));
    }

    @Test
    void apiClientsGetJsonErrors() throws Exception {
        APIGatewayV2HTTPResponse response = entrypoint.send(
                HttpEvents.get("/link").query("spotifyShowUri", "nope").header("accept", "application/json"));

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(response.getBody());
        assertEquals("invalid_show_uri", body.path("error").asText());
        assertFalse(body.path("message").asText().isEmpty());
    }

    @Test
    void everyResponseForbidsCachingAndReferrersAndPagesGetAStrictCsp() {
        APIGatewayV2HTTPResponse redirect = entrypoint.send(linkAs("listener-8"));
        APIGatewayV2HTTPResponse page = entrypoint.send(HttpEvents.get("/link").query("spotifyShowUri", "bad"));

        for (APIGatewayV2HTTPResponse response : List.of(redirect, page)) {
            assertEquals("no-store", response.getHeaders().get("Cache-Control"));
            assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"));
            assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
            assertTrue(
                    response.getHeaders().keySet().stream()
                            .noneMatch(name -> name.toLowerCase().startsWith("x-partner-")),
                    "internal headers never leave the function");
        }
        String csp = page.getHeaders().get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"));
        assertFalse(csp.contains("unsafe"), csp);
    }

    @Test
    void oneJsonLogLinePerRequestWithIdsAndOutcomeAndNoSecrets() {
        String session = deployment().sessionFor("listener-9");
        APIGatewayV2HTTPResponse response = entrypoint.send(
                HttpEvents.get("/link").requestId("api-req-1").cookie(TestDeployment.SESSION_COOKIE, session));

        JsonNode line = onlyLogLine();
        assertEquals(
                entrypoint.context().getAwsRequestId(), line.path("requestId").asText());
        assertEquals("api-req-1", line.path("apiRequestId").asText());
        assertEquals("GET /link", line.path("route").asText());
        assertEquals(302, line.path("status").asInt());
        assertEquals("redirect_to_authorize", line.path("outcome").asText());
        assertTrue(line.path("errorCode").isNull());
        assertTrue(line.path("latencyMs").isNumber());
        String logs = entrypoint.context().logs();
        URI location = URI.create(response.getHeaders().get("Location"));
        for (String secret : List.of(
                session,
                HttpEvents.queryParameters(location).get("state"),
                HttpEvents.queryParameters(location).get("code_challenge"),
                bindingNonce(response),
                TestDeployment.SESSION_KEY,
                EmulatorConfig.LOCAL_CLIENT_SECRET)) {
            assertFalse(logs.contains(secret), "log holds a secret value");
        }
    }

    @Test
    void whenDynamoDbIsUnavailableTheListenerSeesA503PageWithTryAgain() {
        EntrypointFunction broken = entrypoint.functionWith(Map.of("LINK_STATES_TABLE", "no-such-table"));

        APIGatewayV2HTTPResponse response =
                broken.handleRequest(linkAs("listener-10").build(), entrypoint.context());

        assertEquals(503, response.getStatusCode());
        assertEquals("storage_unavailable", ShownError.code(response));
        assertTrue(response.getBody().contains("href=\"/link\""), "a try-again link restarts the flow");
        assertNull(response.getCookies(), "no binding cookie for a state that was not stored");
        assertFalse(response.getBody().contains("Exception"));
    }

    @Test
    void unknownRoutesAndMethodsGetPagesNot5xx() {
        APIGatewayV2HTTPResponse missing = entrypoint.send(HttpEvents.get("/nothing-here"));
        APIGatewayV2HTTPResponse wrongMethod =
                entrypoint.send(HttpEvents.post("/link").body("x"));

        assertEquals(404, missing.getStatusCode());
        assertEquals("not_found", ShownError.code(missing));
        assertEquals(405, wrongMethod.getStatusCode());
        assertEquals("method_not_allowed", ShownError.code(wrongMethod));
    }

    @Test
    void aMalformedEventIsA400NotACrash() {
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event =
                HttpEvents.get("/link").build();
        event.setRequestContext(null);

        APIGatewayV2HTTPResponse response = entrypoint.function().handleRequest(event, entrypoint.context());

        assertEquals(400, response.getStatusCode());
        assertEquals("malformed_event", ShownError.code(response));
    }

    @Test
    void primingRunsTheCodePathsWithoutCallingSpotifyOrStoringAState() {
        int callsBefore = entrypoint.spotify().calls().size();

        entrypoint.function().beforeCheckpoint(null);

        assertEquals(callsBefore, entrypoint.spotify().calls().size(), "no network call while priming");
        assertEquals(0, deployment().storedStates(), "no state (no randomness) while priming");
        assertFalse(deployment().wiring.randomnessDrawn(), "the generator a snapshot would copy is not seeded yet");
        assertTrue(entrypoint.context().loggedLines().isEmpty());
        entrypoint.function().afterRestore(null);
        APIGatewayV2HTTPResponse after = entrypoint.send(linkAs("listener-11"));
        assertEquals(302, after.getStatusCode());
        assertTrue(deployment().wiring.randomnessDrawn(), "the first real request seeds it");
        assertEquals(1, deployment().storedStates(), "only the real request's state is in the table");
    }

    /** Priming ran the success path with a throwaway key; the function itself never accepts what that key signs. */
    @Test
    void afterPrimingASessionSignedWithPrimingsThrowawayKeyIsSentToLogIn() {
        entrypoint.function().beforeCheckpoint(null);

        APIGatewayV2HTTPResponse response = entrypoint.send(HttpEvents.get("/link")
                .cookie(
                        TestDeployment.SESSION_COOKIE,
                        ThrowawayParts.session("listener-12", deployment().clock.instant())));

        assertEquals(302, response.getStatusCode());
        assertTrue(
                response.getHeaders().get("Location").startsWith(TestDeployment.LOGIN_URL),
                response.getHeaders().get("Location"));
        assertEquals(
                "session_invalid:bad signature", onlyLogLine().path("detail").asText());
        assertEquals(0, deployment().storedStates());
    }

    private JsonNode onlyLogLine() {
        List<String> lines = entrypoint.context().loggedLines();
        assertEquals(1, lines.size(), "one log line per request: " + lines);
        try {
            return new ObjectMapper().readTree(lines.get(0));
        } catch (Exception e) {
            throw new AssertionError("log line is not JSON: " + lines.get(0), e);
        }
    }

    static String bindingNonce(APIGatewayV2HTTPResponse response) {
        String cookie = response.getCookies().get(0);
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    static String sha256(String value) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
