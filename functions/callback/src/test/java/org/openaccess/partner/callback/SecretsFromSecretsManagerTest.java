package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/** As deployed: client secret, session key and PUID key only in Secrets Manager (the real SDK against the protocol stub). */
@org.junit.jupiter.api.Tag("integration")
class SecretsFromSecretsManagerTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify =
            new SpotifyEmulatorExtension(EmulatorConfig.defaults().withAutoApproveUser("alan"));

    private static SecretsManagerStub secretsManager;

    @BeforeAll
    static void startSecretsManager() {
        secretsManager = SecretsManagerStub.start();
    }

    @AfterAll
    static void stopSecretsManager() {
        secretsManager.close();
    }

    @Test
    void theWholeFlowWorksWithSecretsFromSecretsManager() {
        try (LinkingStack stack = LinkingStack.startWithSecretsManager(spotify.emulator(), secretsManager)) {
            PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-sm"), Set.of("basic"));
            TestContext context = TestContext.create();

            APIGatewayV2HTTPResponse response =
                    stack.invokeCallback(LinkingStack.callbackEvent(stack.linkUpToCallback("listener-sm")), context);

            assertEquals(302, response.getStatusCode(), response.getBody());
            assertEquals(Set.of("basic"), stack.spotifyEntitlements("listener-sm"));
            assertFalse(context.logs().contains(TestDeployment.SESSION_KEY));
        }
    }

    @Test
    void whenSecretsManagerFailsTheListenerSeesA503PageNotAStackTrace() {
        try (LinkingStack stack = LinkingStack.startWithSecretsManager(spotify.emulator(), secretsManager)) {
            secretsManager.failNextCalls(50, SecretsManagerStub.Failure.ACCESS_DENIED);
            try {
                String session = SessionTokens.issue(
                        TestDeployment.SESSION_KEY,
                        "listener-sm2",
                        stack.clock().instant(),
                        java.time.Duration.ofHours(1));

                APIGatewayV2HTTPResponse response = stack.entrypoint()
                        .handleRequest(
                                HttpEvents.get("/link")
                                        .cookie("partner_session", session)
                                        .build(),
                                TestContext.create());

                assertEquals(503, response.getStatusCode(), response.getBody());
                assertEquals("secrets_unavailable", ShownError.code(response));
                assertFalse(response.getBody().contains("AccessDenied"));
                assertEquals(0, stack.storedStates());
            } finally {
                secretsManager.failNextCalls(0, SecretsManagerStub.Failure.ACCESS_DENIED);
            }
        }
    }

    @Test
    void aClientSecretTooShortToSignWithShowsThatThePartnerIsMisconfiguredNotTryAgain() {
        try (LinkingStack stack = LinkingStack.startWithSecretsManager(spotify.emulator(), secretsManager)) {
            LinkingStack.Approved approved = stack.linkUpToCallback("listener-sm3");
            secretsManager.putSecret(
                    stack.env().get("SECRET_ID"),
                    "{\"client_secret\":\"truncated-secret\",\"session_key\":\"" + TestDeployment.SESSION_KEY
                            + "\",\"puid_key\":\"" + TestDeployment.PUID_KEY + "\"}");
            stack.clock().advance(SecretsManagerSecretSource.DEFAULT_MAX_AGE);

            APIGatewayV2HTTPResponse response =
                    stack.invokeCallback(LinkingStack.callbackEvent(approved), TestContext.create());

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("partner_misconfigured", ShownError.code(response));
            assertFalse(response.getBody().contains("Try again"), "trying again cannot help: " + response.getBody());
            assertFalse(response.getBody().contains("truncated-secret"));
            assertTrue(stack.wiring()
                    .links()
                    .find(TestDeployment.member("listener-sm3"))
                    .isEmpty());
        }
    }
}
