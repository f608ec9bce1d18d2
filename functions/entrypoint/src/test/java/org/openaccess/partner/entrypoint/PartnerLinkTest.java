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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.testing.DeployedFunction;
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
    static DeployedFunction<EntrypointFunction> entrypoint = DeployedFunction.of(
                    REQUIRED, wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)))
            .onEmulator(TestDeployment.platformConfig())
            .arranged(TestDeployment::registerCreator);

    /** GET {@code path} from the browser of a listener logged in at the partner. */
    private static HttpEvents signedInGet(String path, String userId) {
        return entrypoint.deployment().signedIn(HttpEvents.get(path), userId);
    }

    /** The not-found page of a partner the registry does not offer, and no flow started. */
    private static void assertUnknownPartner(APIGatewayV2HTTPResponse response) {
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("unknown_partner", ShownError.code(response));
        assertEquals(0, storedStates());
    }

    private static int storedStates() {
        return entrypoint.deployment().storedStates();
    }

    private Map<String, AttributeValue> onlyStoredState() {
        List<Map<String, AttributeValue>> items = entrypoint.deployment().storedStateItems();
        assertEquals(1, items.size());
        return items.get(0);
    }

    @Test
    void anActivePartnersSlugStartsTheFlowAndTheStateRemembersThatPartner() {
        APIGatewayV2HTTPResponse response = entrypoint.send(signedInGet(CREATOR_PATH, "listener-1"));

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
        entrypoint.send(signedInGet("/link", "listener-2"));

        Map<String, AttributeValue> state = onlyStoredState();
        assertEquals(TestDeployment.PARTNER_ID, state.get("partnerId").s());
        assertFalse(state.containsKey("partnerSlug"));
    }

    @Test
    void withoutASessionTheLoginLeadsBackToThePartnersOwnEntrypointWithTheShow() {
        APIGatewayV2HTTPResponse response =
                entrypoint.send(HttpEvents.get(CREATOR_PATH).query("spotifyShowUri", SHOW));

        assertEquals(302, response.getStatusCode());
        URI location = URI.create(response.getHeaders().get("Location"));
        assertTrue(location.toString().startsWith(TestDeployment.LOGIN_URL + "?"), location.toString());
        assertEquals(
                CREATOR_PATH + "?spotifyShowUri=" + SHOW,
                URLDecoder.decode(HttpEvents.queryParameters(location).get("return"), StandardCharsets.UTF_8),
                "the show is encoded once more inside the return parameter");
        assertEquals(0, storedStates());
    }

    @Test
    void anUnknownSlugIsAFriendlyNotFoundPage() {
        APIGatewayV2HTTPResponse response = entrypoint.send(
                signedInGet("/link/no-such-creator", "listener-3").header("Accept", "text/html"));

        assertUnknownPartner(response);
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(response.getBody().contains("We could not find this creator"), response.getBody());
        assertNull(response.getCookies(), "no binding cookie for a flow that did not start");
    }

    @Test
    void anUnknownSlugIsJsonForAnApiClient() {
        APIGatewayV2HTTPResponse response =
                entrypoint.send(HttpEvents.get("/link/no-such-creator").header("Accept", "application/json"));

        assertEquals(404, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("unknown_partner", ShownError.code(response));
    }

    @ParameterizedTest(name = "slug={0}")
    @ValueSource(strings = {"ab", "Creator-Two", "creator_two", "-creator", "creator-", "%2E%2E", "cr%C3%A9ateur"})
    void aMalformedSlugIsTheSameNotFoundNeverAnError(String slug) {
        APIGatewayV2HTTPResponse response = entrypoint.send(signedInGet("/link/" + slug, "listener-4"));

        assertUnknownPartner(response);
    }

    @Test
    void aPartnerStillBeingCreatedIsNotFound() {
        entrypoint.deployment().partnerBeingCreated("half-made");

        APIGatewayV2HTTPResponse response = entrypoint.send(signedInGet("/link/half-made", "listener-5"));

        assertUnknownPartner(response);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAStorageFailureNotAnUnknownPartner() {
        EntrypointFunction broken = entrypoint.functionWith(Map.of("PARTNERS_TABLE", "no-such-partners-table"));

        APIGatewayV2HTTPResponse response =
                broken.handleRequest(signedInGet(CREATOR_PATH, "listener-6").build(), TestContext.create());

        assertEquals(503, response.getStatusCode());
        assertEquals("storage_unavailable", ShownError.code(response));
    }
}
