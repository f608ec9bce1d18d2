package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;

/**
 * A warm request must not register beans: Micronaut's default registers the Lambda context and logger as
 * singletons per invocation, which purges the bean context's caches and made each warm GET /link many times
 * slower (docs/performance.md, "The handler's own work per warm request").
 */
@org.junit.jupiter.api.Tag("integration")
class WarmRequestTest {

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void requestsRegisterNoLambdaContextBeansAndStillLink() {
        try (TestDeployment deployment =
                TestDeployment.of(spotify.emulator()).start(new EntrypointSettings().required())) {
            EntrypointFunction function =
                    deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
            for (int i = 0; i < 2; i++) {
                APIGatewayV2HTTPResponse response = function.handleRequest(
                        HttpEvents.get("/link")
                                .cookie("partner_session", deployment.sessionFor("listener-warm"))
                                .build(),
                        TestContext.create());
                assertEquals(302, response.getStatusCode());
            }

            assertEquals(2, deployment.storedStates());
            assertFalse(
                    function.getApplicationContext().containsBean(Context.class), "the Lambda context became a bean");
            assertFalse(
                    function.getApplicationContext().containsBean(LambdaLogger.class),
                    "the Lambda logger became a bean");
        }
    }
}
