package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.web.CoreBeans;

/**
 * The deployed context initialises its singletons eagerly, so a port that were built whether used or not would
 * make the entrypoint need the other functions' tables. It must start and link with only its own table named.
 */
@org.junit.jupiter.api.Tag("integration")
class OnlyItsOwnTableTest {
    @RegisterExtension
    static DeployedFunction<EntrypointFunction> entrypoint = DeployedFunction.of(
                    new EntrypointSettings().required(),
                    wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)))
            .adjusted(deployment -> deployment.without("LINKS_TABLE", "ENTITLEMENTS_TABLE"));

    @Test
    void startsAndStoresAStateWithoutTheLinksOrEntitlementsTableSet() {
        TestDeployment deployment = entrypoint.deployment();
        assertTrue(!deployment.env.containsKey("LINKS_TABLE") && !deployment.env.containsKey("ENTITLEMENTS_TABLE"));

        APIGatewayV2HTTPResponse response =
                entrypoint.send(deployment.signedIn(HttpEvents.get("/link"), "listener-own-table"));

        assertEquals(302, response.getStatusCode());
        assertTrue(
                response.getHeaders().get("Location").contains("/authorize?"),
                response.getHeaders().toString());
        assertEquals(1, deployment.storedStates());
    }
}
