package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * A warm request must not register beans: Micronaut's default registers the Lambda context and logger as
 * singletons per invocation, which purges the bean context's caches and made each warm GET /link cost about
 * 10 ms of CPU instead of under 1 ms (JMH, infra/coldstart's EntrypointBenchmark).
 */
@org.junit.jupiter.api.Tag("integration")
class WarmRequestTest {

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void requestsRegisterNoLambdaContextBeansAndStillLink() {
        try (LinkingHarness harness = LinkingHarness.start(spotify.emulator())) {
            for (int i = 0; i < 2; i++) {
                APIGatewayV2HTTPResponse response = harness.invoke(
                        HttpEvents.get("/link")
                                .cookie("partner_session", harness.sessionFor("listener-warm"))
                                .build(),
                        TestContext.create());
                assertEquals(302, response.getStatusCode());
            }

            assertEquals(2, harness.storedStates());
            assertFalse(harness.applicationContext().containsBean(Context.class), "the Lambda context became a bean");
            assertFalse(
                    harness.applicationContext().containsBean(LambdaLogger.class), "the Lambda logger became a bean");
        }
    }
}
