package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.EventFilesTest;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.web.CoreBeans;

/**
 * Each file of {@code events/entrypoint/} (what {@code sam local invoke} would send), read with the Lambda
 * runtime's serialization, gets the answer its README promises; a new file without an answer here fails.
 */
@org.junit.jupiter.api.Tag("integration")
class EntrypointEventFilesTest extends EventFilesTest<EntrypointEventFilesTest.Answer> {
    /** A redirect's Location starts with {@code shown}; a page shows {@code shown} as its code. */
    record Answer(int status, String shown, int statesStored) implements EventFilesTest.Answer {}

    private static final Map<String, Answer> ANSWERS = Map.of(
            "link.json", new Answer(302, "/authorize?", 1),
            "link-no-session.json", new Answer(302, TestDeployment.LOGIN_URL + "?return=%2Flink", 0),
            "link-bad-show-uri.json", new Answer(400, "invalid_show_uri", 0),
            "link-forged-session.json", new Answer(302, TestDeployment.LOGIN_URL + "?", 0),
            "link-partner.json", new Answer(302, "/authorize?", 1),
            "link-unknown-partner.json", new Answer(404, "unknown_partner", 0));

    // link-partner.json's creator, as ./admin create-partner leaves it in the registry.
    @RegisterExtension
    static DeployedFunction<EntrypointFunction> entrypoint = DeployedFunction.of(
                    new EntrypointSettings().required(),
                    wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)))
            .arranged(deployment -> deployment.registerPartner("lunar-radio", TestDeployment.CREATOR_PARTNER_ID));

    EntrypointEventFilesTest() {
        super("entrypoint", ANSWERS, entrypoint);
    }

    @Override
    protected void assertAnswered(Answer answer, APIGatewayV2HTTPResponse response) {
        if (answer.status() == 302) {
            String location = response.getHeaders().get("Location");
            String expected = answer.shown().startsWith("/")
                    ? entrypoint.spotify().accountsUrl() + answer.shown()
                    : answer.shown();
            assertTrue(location.startsWith(expected), location);
        } else {
            assertEquals(answer.shown(), ShownError.code(response));
        }
        TestDeployment deployment = entrypoint.deployment();
        assertEquals(answer.statesStored(), deployment.storedStates());
        if (answer.statesStored() == 1) {
            String item = deployment.storedStateItems().get(0).toString();
            assertTrue(item.contains("spotify:show:LunarPremiumShow000002"), "the show is kept: " + item);
            assertTrue(item.contains("local-demo-listener-ada"), item);
        }
    }
}
