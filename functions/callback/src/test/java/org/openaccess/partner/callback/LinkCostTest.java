package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.storage.DynamoRequestCounter;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.TestContext;

/**
 * The count behind docs/cost.md's "per link": what GET /link and GET /callback ask of DynamoDB (calls and the
 * capacity units dynalite reports) for one listener who links. If the code changes the count, this test fails:
 * update docs/cost.md.
 */
@org.junit.jupiter.api.Tag("integration")
class LinkCostTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify =
            new SpotifyEmulatorExtension(EmulatorConfig.defaults().withAutoApproveUser("ada"));

    private final DynamoRequestCounter counter = new DynamoRequestCounter();
    private LinkingStack stack;

    @BeforeEach
    void start() {
        stack = LinkingStack.start(
                spotify.emulator(), Map.of("ALLOWED_COMPLETION_HOSTS", "spotify.com,127.0.0.1"), counter.client());
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aLinkCostsFourReadsAndFiveWrites() {
        PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-1"), Set.of("premium"));
        counter.reset();

        LinkingStack.Approved approved = stack.linkUpToCallback("listener-1");
        APIGatewayV2HTTPResponse response =
                stack.invokeCallback(LinkingStack.callbackEvent(approved), TestContext.create());

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertEquals(Set.of("premium"), stack.spotifyEntitlements("listener-1"));
        // /link: the state. /callback: the state consumed, the set read, the link recorded; then the race closed
        // by a sync: find, lease, find and the set again under it (unchanged: no call), release.
        assertEquals(Map.of("PutItem", 1L, "DeleteItem", 1L, "GetItem", 4L, "UpdateItem", 3L), counter.calls());
        assertEquals(4.0, counter.readUnits(), "strongly consistent reads of items under 4 KB");
        assertEquals(5.0, counter.writeUnits(), "writes of items under 1 KB");
    }
}
