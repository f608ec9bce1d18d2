package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** Each file of {@code events/unlink/} (what {@code sam local invoke} would send) gets the answer its README promises. */
@org.junit.jupiter.api.Tag("integration")
class UnlinkEventFilesTest {
    /** The user of the session cookie in the event files. */
    private static final String LISTENER = "local-demo-listener-ada";

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

    private UnlinkHarness harness;

    @BeforeEach
    void linkTheListener() {
        harness = UnlinkHarness.start(SPOTIFY.emulator());
        harness.link(LISTENER, "ada", Set.of("premium"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "unlink.json, 303, spotify=unlinked",
        "unlink-json.json, 200, {\"status\":\"unlinked\"}",
        "unlink-foreign-origin.json, 403, csrf_rejected",
        "unlink-no-session.json, 401, session_required",
        "unlink-get.json, 405, method_not_allowed"
    })
    void eachEventFileGetsItsDocumentedAnswer(String file, int status, String evidence) {
        APIGatewayV2HTTPResponse response =
                harness.invoke(LambdaEvents.httpEvent("unlink/" + file), TestContext.create());

        assertEquals(status, response.getStatusCode());
        String seen = status == 303 ? response.getHeaders().get("Location") : response.getBody();
        assertTrue(seen.contains(evidence), seen);
        assertEquals(status < 300 || status == 303, !harness.linkedOnSpotify(LISTENER), "unlinked only on success");
    }
}
