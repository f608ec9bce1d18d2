package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.OneWayHash;

/** The events/callback files (for sam local invoke), read with the Lambda runtime's serialization. */
@org.junit.jupiter.api.Tag("integration")
class CallbackEventFilesTest {
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

    private APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return stack.invokeCallback(event, TestContext.create());
    }

    @Test
    void callbackJsonWithItsStateStoredReachesTheCodeExchangeWhichSpotifyRefuses() {
        APIGatewayV2HTTPEvent event = LambdaEvents.httpEvent("callback/callback.json");
        String state = event.getQueryStringParameters().get("state");
        String nonce = event.getCookies().get(0).substring("__Host-soa_link=".length());
        stack.wiring
                .linkStates()
                .save(new LinkState(
                        OneWayHash.of(state),
                        "local-demo-listener-ada",
                        "local-sample-verifier-0123456789012345678901234",
                        OneWayHash.of(nonce),
                        Optional.empty(),
                        stack.clock.instant().plus(Duration.ofMinutes(10))));

        APIGatewayV2HTTPResponse response = invoke(event);

        // The sample code was never issued by Spotify: state and binding pass, the exchange is refused.
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("code_rejected"));
        List<RecordedCall> exchanges = spotify.emulator().calls("token");
        assertEquals(1, exchanges.size());
        assertEquals(400, exchanges.get(0).status());
    }

    @Test
    void callbackJsonWithoutItsStateIsUnknown() {
        APIGatewayV2HTTPResponse response = invoke(LambdaEvents.httpEvent("callback/callback.json"));

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("state_unknown"));
    }

    @Test
    void callbackCancelledJsonIsTheFriendlyCancelledPage() {
        APIGatewayV2HTTPResponse response = invoke(LambdaEvents.httpEvent("callback/callback-cancelled.json"));

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("user_cancelled"));
    }

    @Test
    void callbackMissingStateJsonIsInvalidRequest() {
        APIGatewayV2HTTPResponse response = invoke(LambdaEvents.httpEvent("callback/callback-missing-state.json"));

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("invalid_request"));
    }

    @Test
    void callbackUnknownStateJsonIsStateUnknown() {
        APIGatewayV2HTTPResponse response = invoke(LambdaEvents.httpEvent("callback/callback-unknown-state.json"));

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("state_unknown"));
        assertEquals(0, spotify.emulator().calls("token").size());
    }
}
