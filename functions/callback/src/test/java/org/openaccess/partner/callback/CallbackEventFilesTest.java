package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/**
 * Each file of {@code events/callback/} (what {@code sam local invoke} would send), read with the Lambda runtime's
 * serialization, gets the answer its README promises with nothing stored; a new file without an answer here fails.
 */
@org.junit.jupiter.api.Tag("integration")
class CallbackEventFilesTest {
    /** The code the page shows (the cancel page is a notice, but its page shows its code the same way). */
    private record Answer(int status, String code) {}

    private static final Map<String, Answer> ANSWERS = Map.of(
            "callback.json", new Answer(400, "state_unknown"),
            "callback-cancelled.json", new Answer(200, "user_cancelled"),
            "callback-missing-state.json", new Answer(400, "invalid_request"),
            "callback-unknown-state.json", new Answer(400, "state_unknown"));

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private LinkingStack stack;

    @BeforeEach
    void start() {
        stack = LinkingStack.start(spotify.emulator());
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    static List<String> eventFiles() {
        return LambdaEvents.files("callback");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileGetsTheAnswerItsReadmePromises(String file) {
        Answer answer = LambdaEvents.documentedAnswer(ANSWERS, "callback", file);

        APIGatewayV2HTTPResponse response = LambdaEvents.sendHttp("callback/" + file, stack::invokeCallback);

        assertEquals(answer.status(), response.getStatusCode(), response.getBody());
        assertEquals(answer.code(), ShownError.code(response));
        assertEquals(0, spotify.emulator().calls("token").size(), "no code is exchanged without a state");
    }

    @Test
    void callbackJsonWithItsStateStoredReachesTheCodeExchangeWhichSpotifyRefuses() {
        APIGatewayV2HTTPEvent event = LambdaEvents.httpEvent("callback/callback.json");
        String state = event.getQueryStringParameters().get("state");
        String nonce = event.getCookies().get(0).substring("__Host-soa_link=".length());
        stack.wiring
                .linkStates()
                .save(LinkState.issued(
                        OneWayHash.of(state),
                        "local-demo-listener-ada",
                        PartnerRoute.defaultPartner(TestDeployment.PARTNER_ID),
                        "local-sample-verifier-0123456789012345678901234",
                        OneWayHash.of(nonce),
                        Optional.empty(),
                        stack.clock.instant()));

        APIGatewayV2HTTPResponse response = stack.invokeCallback(event, TestContext.create());

        // The sample code was never issued by Spotify: state and binding pass, the exchange is refused.
        assertEquals(400, response.getStatusCode());
        assertEquals("code_rejected", ShownError.code(response));
        List<RecordedCall> exchanges = spotify.emulator().calls("token");
        assertEquals(1, exchanges.size());
        assertEquals(400, exchanges.get(0).status());
    }
}
