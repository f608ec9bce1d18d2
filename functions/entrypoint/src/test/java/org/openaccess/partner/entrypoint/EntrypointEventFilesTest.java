package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The events/entrypoint files (for sam local invoke), read with the Lambda runtime's serialization. */
@org.junit.jupiter.api.Tag("integration")
class EntrypointEventFilesTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private LinkingHarness harness;

    @BeforeEach
    void start() {
        harness = LinkingHarness.start(spotify.emulator());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private APIGatewayV2HTTPResponse invoke(String file) {
        return harness.invoke(LambdaEvents.httpEvent(file), TestContext.create());
    }

    @Test
    void linkJsonIsALoggedInListenerSentToSpotifyWithTheShowKept() {
        APIGatewayV2HTTPResponse response = invoke("entrypoint/link.json");

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders()
                .get("Location")
                .startsWith(spotify.emulator().accountsUrl() + "/authorize?"));
        assertEquals(1, harness.storedStates());
        String item = harness.dynamo
                .scan(b -> b.tableName(harness.linkStatesTable()))
                .items()
                .get(0)
                .toString();
        assertTrue(item.contains("spotify:show:LunarPremiumShow000002"), item);
        assertTrue(item.contains("local-demo-listener-ada"), item);
    }

    @Test
    void linkNoSessionJsonIsSentToTheLogin() {
        APIGatewayV2HTTPResponse response = invoke("entrypoint/link-no-session.json");

        assertEquals(302, response.getStatusCode());
        assertEquals(
                LinkingHarness.LOGIN_URL + "?return=%2Flink",
                response.getHeaders().get("Location"));
    }

    @Test
    void linkBadShowUriJsonIsA400Page() {
        APIGatewayV2HTTPResponse response = invoke("entrypoint/link-bad-show-uri.json");

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("invalid_show_uri"));
        assertEquals(0, harness.storedStates());
    }

    @Test
    void linkForgedSessionJsonIsTreatedAsNotLoggedIn() {
        APIGatewayV2HTTPResponse response = invoke("entrypoint/link-forged-session.json");

        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").startsWith(LinkingHarness.LOGIN_URL));
        assertEquals(0, harness.storedStates());
    }
}
