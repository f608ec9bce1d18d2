package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.web.CoreBeans;

/**
 * A warm request must not register beans: Micronaut's default registers the Lambda context and logger as
 * singletons per invocation, which purges the bean context's caches and made each warm GET /link many times
 * slower (docs/performance.md, "The handler's own work per warm request").
 */
@org.junit.jupiter.api.Tag("integration")
class WarmRequestTest {
    @RegisterExtension
    static DeployedFunction<EntrypointFunction> entrypoint = DeployedFunction.of(
            new EntrypointSettings().required(), wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));

    @Test
    void requestsRegisterNoLambdaContextBeansAndStillLink() {
        for (int i = 0; i < 2; i++) {
            APIGatewayV2HTTPResponse response =
                    entrypoint.send(entrypoint.deployment().signedIn(HttpEvents.get("/link"), "listener-warm"));
            assertEquals(302, response.getStatusCode());
        }

        assertEquals(2, entrypoint.deployment().storedStates());
        ApplicationContext context = entrypoint.function().getApplicationContext();
        assertFalse(context.containsBean(Context.class), "the Lambda context became a bean");
        assertFalse(context.containsBean(LambdaLogger.class), "the Lambda logger became a bean");
    }
}
