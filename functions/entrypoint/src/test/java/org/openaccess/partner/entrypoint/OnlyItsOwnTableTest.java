package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;

/**
 * The deployed context initialises its singletons eagerly, so a port that were built whether used or not would
 * make the entrypoint need the other functions' tables. It must start and link with only its own table named.
 */
@org.junit.jupiter.api.Tag("integration")
class OnlyItsOwnTableTest {

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void startsAndStoresAStateWithoutTheLinksOrEntitlementsTableSet() {
        try (TestDeployment deployment = TestDeployment.of(spotify.emulator())
                .without("LINKS_TABLE", "ENTITLEMENTS_TABLE")
                .start(new EntrypointSettings().required())) {
            EntrypointFunction function =
                    deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
            assertTrue(!deployment.env.containsKey("LINKS_TABLE") && !deployment.env.containsKey("ENTITLEMENTS_TABLE"));

            APIGatewayV2HTTPResponse response = function.handleRequest(
                    HttpEvents.get("/link")
                            .cookie("partner_session", deployment.sessionFor("listener-own-table"))
                            .build(),
                    TestContext.create());

            assertEquals(302, response.getStatusCode());
            assertTrue(
                    response.getHeaders().get("Location").contains("/authorize?"),
                    response.getHeaders().toString());
            assertEquals(1, deployment.storedStates());
        }
    }
}
