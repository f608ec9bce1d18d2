package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/**
 * The callback of a flow started at a registry partner's /link/{slug}: the listener is registered with that
 * partner's id, under that partner's PUID, with that membership's entitlements, and linked for that partner only.
 */
@org.junit.jupiter.api.Tag("integration")
class PartnerCallbackTest {
    private static final String CREATOR_PATH = "/link/" + TestDeployment.CREATOR_SLUG;

    @RegisterExtension
    static DeployedFunction<CallbackFunction> callback = LinkingStack.deployed(
                    TestDeployment.platformConfig().withAutoApproveUser("ada"))
            .arranged(TestDeployment::registerCreator);

    private final LinkingStack stack = LinkingStack.on(callback);
    private final TestContext context = TestContext.create();

    private static List<RecordedCall> registrations() {
        return callback.spotify().calls("register-user");
    }

    @Test
    void aFlowStartedAtTheCreatorsEntrypointRegistersTheListenerWithTheCreatorsPartnerId() {
        Membership atCreator = TestDeployment.creatorMember("listener-1");
        PartnerMembership.of(stack.wiring()).set(atCreator, Set.of("supporter"));
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-1"), Set.of("premium"));

        APIGatewayV2HTTPResponse response = stack.invokeCallback(
                LinkingStack.callbackEvent(stack.linkUpToCallback(CREATOR_PATH, "listener-1")), context);

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertEquals(1, registrations().size());
        RecordedCall registration = registrations().getFirst();
        assertEquals(TestDeployment.CREATOR_PARTNER_ID, registration.partnerId(), "register-user's partner_id");
        assertEquals(stack.deployment().puid(atCreator), registration.partnerUserId());
        assertNotEquals(stack.deployment().puid("listener-1"), registration.partnerUserId(), "the creator's own PUID");
        assertEquals(Set.of("supporter"), stack.deployment().onSpotify(atCreator), "the creator membership's set");
        Link link = stack.deployment().link(atCreator).orElseThrow();
        assertTrue(link.isLinked());
        assertEquals(Set.of("supporter"), link.lastSent().orElseThrow().entitlements());
        assertTrue(stack.deployment().link("listener-1").isEmpty(), "not linked to the default partner");
        assertTrue(callback.spotify()
                .link(TestDeployment.PARTNER_ID, stack.puid("listener-1"))
                .isEmpty());
    }

    @Test
    void oneListenerLinksTheSameSpotifyAccountToTheDefaultPartnerAndTheCreator() {
        Membership atCreator = TestDeployment.creatorMember("listener-2");
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-2"), Set.of("basic"));
        PartnerMembership.of(stack.wiring()).set(atCreator, Set.of("supporter"));

        APIGatewayV2HTTPResponse toDefault = stack.invokeCallback(
                LinkingStack.callbackEvent(stack.linkUpToCallback("/link", "listener-2")), context);
        APIGatewayV2HTTPResponse toCreator = stack.invokeCallback(
                LinkingStack.callbackEvent(stack.linkUpToCallback(CREATOR_PATH, "listener-2")), TestContext.create());

        assertEquals(302, toDefault.getStatusCode(), toDefault.getBody());
        assertEquals(302, toCreator.getStatusCode(), "the 1:1 rule is per partner: " + toCreator.getBody());
        assertTrue(stack.deployment().link("listener-2").orElseThrow().isLinked());
        assertTrue(stack.deployment().link(atCreator).orElseThrow().isLinked());
        assertEquals(Set.of("basic"), stack.deployment().onSpotify("listener-2"));
        assertEquals(Set.of("supporter"), stack.deployment().onSpotify(atCreator));
        assertEquals(
                "ada",
                callback.spotify()
                        .link(
                                TestDeployment.CREATOR_PARTNER_ID,
                                stack.deployment().puid(atCreator))
                        .orElseThrow()
                        .spotifyUserId());
    }

    @Test
    void cancellingAtSpotifyOffersToStartAgainAtTheCreatorsEntrypoint() {
        LinkingStack.Started started = stack.startLink(
                CREATOR_PATH, "listener-3", Optional.of("spotify:show:" + EmulatorConfig.BASIC_SHOW_ID));

        APIGatewayV2HTTPResponse response =
                stack.invokeCallback(LinkingStack.errorEvent(started, "access_denied"), context);

        assertEquals(200, response.getStatusCode());
        assertEquals("user_cancelled", ShownError.code(response));
        assertTrue(
                response.getBody()
                        .contains("href=\"" + CREATOR_PATH + "?spotifyShowUri=spotify%3Ashow%3A"
                                + EmulatorConfig.BASIC_SHOW_ID + "\""),
                response.getBody());
        assertTrue(registrations().isEmpty());
    }
}
