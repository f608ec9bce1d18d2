package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET /link/{slug}: a membership platform's partners, looked up in the registry (dynalite) by their slug. */
@org.junit.jupiter.api.Tag("integration")
class PartnerLinkTest {
    private static final Set<Setting> REQUIRED = new EntrypointSettings().required();
    private static final String SHOW = "spotify:show:" + EmulatorConfig.PREMIUM_SHOW_ID;
    private static final String CREATOR_PATH = "/link/" + TestDeployment.CREATOR_SLUG;

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(TestDeployment.platformConfig());

    private TestDeployment deployment;
    private EntrypointFunction function;
    private final TestContext context = TestContext.create();

    @BeforeEach
    void start() {
        deployment = TestDeployment.of(spotify.emulator()).start(REQUIRED);
        function = deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
        deployment.registerCreator();
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    private Map<String, AttributeValue> onlyStoredState() {
        List<Map<String, AttributeValue>> items = deployment
                .dynamo
                .scan(b -> b.tableName(deployment.linkStatesTable()))
                .items();
        assertEquals(1, items.size());
        return items.get(0);
    }

    @Test
    void anActivePartnersSlugStartsTheFlowAndTheStateRemembersThatPartner() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get(CREATOR_PATH)
                        .cookie("partner_session", deployment.sessionFor("listener-1"))
                        .build(),
                context);

        assertEquals(302, response.getStatusCode());
        URI location = URI.create(response.getHeaders().get("Location"));
        assertEquals("/authorize", location.getPath());
        assertEquals(
                TestDeployment.CALLBACK_URL,
                HttpEvents.queryParameters(location).get("redirect_uri"),
                "one callback");
        Map<String, AttributeValue> state = onlyStoredState();
        assertEquals(TestDeployment.CREATOR_PARTNER_ID, state.get("partnerId").s());
        assertEquals(TestDeployment.CREATOR_SLUG, state.get("partnerSlug").s());
        assertEquals("listener-1", state.get("partnerUserId").s());
    }

    @Test
    void theDefaultRouteStillStartsTheFlowForTheDefaultPartner() {
        function.handleRequest(
                HttpEvents.get("/link")
                        .cookie("partner_session", deployment.sessionFor("listener-2"))
                        .build(),
                context);

        Map<String, AttributeValue> state = onlyStoredState();
        assertEquals(TestDeployment.PARTNER_ID, state.get("partnerId").s());
        assertFalse(state.containsKey("partnerSlug"));
    }

    @Test
    void withoutASessionTheLoginLeadsBackToThePartnersOwnEntrypointWithTheShow() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get(CREATOR_PATH).query("spotifyShowUri", SHOW).build(), context);

        assertEquals(302, response.getStatusCode());
        URI location = URI.create(response.getHeaders().get("Location"));
        assertTrue(location.toString().startsWith(TestDeployment.LOGIN_URL + "?"), location.toString());
        assertEquals(
                CREATOR_PATH + "?spotifyShowUri=" + SHOW,
                URLDecoder.decode(HttpEvents.queryParameters(location).get("return"), StandardCharsets.UTF_8),
                "the show is encoded once more inside the return parameter");
        assertEquals(0, deployment.storedStates());
    }

    @Test
    void anUnknownSlugIsAFriendlyNotFoundPage() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get("/link/no-such-creator")
                        .cookie("partner_session", deployment.sessionFor("listener-3"))
                        .header("Accept", "text/html")
                        .build(),
                context);

        assertEquals(404, response.getStatusCode());
        assertEquals("unknown_partner", ShownError.code(response));
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(response.getBody().contains("We could not find this creator"), response.getBody());
        assertEquals(0, deployment.storedStates());
        assertNull(response.getCookies(), "no binding cookie for a flow that did not start");
    }

    @Test
    void anUnknownSlugIsJsonForAnApiClient() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get("/link/no-such-creator")
                        .header("Accept", "application/json")
                        .build(),
                context);

        assertEquals(404, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("unknown_partner", ShownError.code(response));
    }

    @ParameterizedTest(name = "slug={0}")
    @ValueSource(strings = {"ab", "Creator-Two", "creator_two", "-creator", "creator-", "%2E%2E", "cr%C3%A9ateur"})
    void aMalformedSlugIsTheSameNotFoundNeverAnError(String slug) {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get("/link/" + slug)
                        .cookie("partner_session", deployment.sessionFor("listener-4"))
                        .build(),
                context);

        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("unknown_partner", ShownError.code(response));
        assertEquals(0, deployment.storedStates());
    }

    @Test
    void aPartnerStillBeingCreatedIsNotFound() {
        deployment.partnerBeingCreated("half-made");

        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get("/link/half-made")
                        .cookie("partner_session", deployment.sessionFor("listener-5"))
                        .build(),
                context);

        assertEquals(404, response.getStatusCode());
        assertEquals("unknown_partner", ShownError.code(response));
        assertEquals(0, deployment.storedStates());
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAStorageFailureNotAnUnknownPartner() {
        TestDeployment broken = TestDeployment.of(spotify.emulator())
                .with(Map.of("PARTNERS_TABLE", "no-such-partners-table"))
                .start(REQUIRED);
        try (broken) {
            EntrypointFunction brokenFunction =
                    broken.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));

            APIGatewayV2HTTPResponse response = brokenFunction.handleRequest(
                    HttpEvents.get(CREATOR_PATH)
                            .cookie("partner_session", broken.sessionFor("listener-6"))
                            .build(),
                    context);

            assertEquals(503, response.getStatusCode());
            assertEquals("storage_unavailable", ShownError.code(response));
        }
    }
}
