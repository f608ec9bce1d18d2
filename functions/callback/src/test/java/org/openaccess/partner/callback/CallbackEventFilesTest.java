package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.EventFilesTest;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/**
 * Each file of {@code events/callback/} (what {@code sam local invoke} would send), read with the Lambda runtime's
 * serialization, gets the answer its README promises with nothing stored; a new file without an answer here fails.
 */
@org.junit.jupiter.api.Tag("integration")
class CallbackEventFilesTest extends EventFilesTest<CallbackEventFilesTest.Answer> {
    /** The code the page shows (the cancel page is a notice, but its page shows its code the same way). */
    record Answer(int status, String code) implements EventFilesTest.Answer {}

    private static final Map<String, Answer> ANSWERS = Map.of(
            "callback.json", new Answer(400, "state_unknown"),
            "callback-cancelled.json", new Answer(200, "user_cancelled"),
            "callback-missing-state.json", new Answer(400, "invalid_request"),
            "callback-unknown-state.json", new Answer(400, "state_unknown"));

    @RegisterExtension
    static DeployedFunction<CallbackFunction> callback = LinkingStack.deployed(EmulatorConfig.defaults());

    CallbackEventFilesTest() {
        super("callback", ANSWERS, callback);
    }

    @Override
    protected void assertAnswered(Answer answer, APIGatewayV2HTTPResponse response) {
        assertEquals(answer.code(), ShownError.code(response));
        assertEquals(0, callback.spotify().calls("token").size(), "no code is exchanged without a state");
    }

    @Test
    void callbackJsonWithItsStateStoredReachesTheCodeExchangeWhichSpotifyRefuses() {
        APIGatewayV2HTTPEvent event = LambdaEvents.httpEvent("callback/callback.json");
        String state = event.getQueryStringParameters().get("state");
        String nonce = event.getCookies().get(0).substring("__Host-soa_link=".length());
        TestDeployment deployment = callback.deployment();
        deployment
                .wiring
                .linkStates()
                .save(LinkState.issued(
                        OneWayHash.of(state),
                        "local-demo-listener-ada",
                        PartnerRoute.defaultPartner(TestDeployment.PARTNER_ID),
                        "local-sample-verifier-0123456789012345678901234",
                        OneWayHash.of(nonce),
                        Optional.empty(),
                        deployment.clock.instant()));

        APIGatewayV2HTTPResponse response = callback.function().handleRequest(event, TestContext.create());

        // The sample code was never issued by Spotify: state and binding pass, the exchange is refused.
        assertEquals(400, response.getStatusCode());
        assertEquals("code_rejected", ShownError.code(response));
        List<RecordedCall> exchanges = callback.spotify().calls("token");
        assertEquals(1, exchanges.size());
        assertEquals(400, exchanges.get(0).status());
    }
}
