package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.web.CoreBeans;

/**
 * Each file of {@code events/entrypoint/} (what {@code sam local invoke} would send), read with the Lambda
 * runtime's serialization, gets the answer its README promises; a new file without an answer here fails.
 */
@org.junit.jupiter.api.Tag("integration")
class EntrypointEventFilesTest {
    /** A redirect's Location starts with {@code shown}; a page shows {@code shown} as its code. */
    private record Answer(int status, String shown, int statesStored) {}

    private static final Map<String, Answer> ANSWERS = Map.of(
            "link.json", new Answer(302, "/authorize?", 1),
            "link-no-session.json", new Answer(302, TestDeployment.LOGIN_URL + "?return=%2Flink", 0),
            "link-bad-show-uri.json", new Answer(400, "invalid_show_uri", 0),
            "link-forged-session.json", new Answer(302, TestDeployment.LOGIN_URL + "?", 0),
            "link-partner.json", new Answer(302, "/authorize?", 1),
            "link-unknown-partner.json", new Answer(404, "unknown_partner", 0));

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private TestDeployment deployment;
    private EntrypointFunction function;

    @BeforeEach
    void start() {
        deployment = TestDeployment.of(spotify.emulator()).start(new EntrypointSettings().required());
        function = deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
        // link-partner.json's creator, as ./admin create-partner leaves it in the registry.
        deployment.registerPartner("lunar-radio", TestDeployment.CREATOR_PARTNER_ID);
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    static List<String> eventFiles() {
        return LambdaEvents.files("entrypoint");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileGetsTheAnswerItsReadmePromises(String file) {
        Answer answer = LambdaEvents.documentedAnswer(ANSWERS, "entrypoint", file);

        APIGatewayV2HTTPResponse response = LambdaEvents.sendHttp("entrypoint/" + file, function::handleRequest);

        assertEquals(answer.status(), response.getStatusCode(), response.getBody());
        if (answer.status() == 302) {
            String location = response.getHeaders().get("Location");
            String expected =
                    answer.shown().startsWith("/") ? spotify.emulator().accountsUrl() + answer.shown() : answer.shown();
            assertTrue(location.startsWith(expected), location);
        } else {
            assertEquals(answer.shown(), ShownError.code(response));
        }
        assertEquals(answer.statesStored(), deployment.storedStates());
        if (answer.statesStored() == 1) {
            String item = deployment
                    .dynamo
                    .scan(b -> b.tableName(deployment.linkStatesTable()))
                    .items()
                    .get(0)
                    .toString();
            assertTrue(item.contains("spotify:show:LunarPremiumShow000002"), "the show is kept: " + item);
            assertTrue(item.contains("local-demo-listener-ada"), item);
        }
    }
}
