package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/** Step 1: every malformed callback is a 400 page with code invalid_request, before any table or Spotify call. */
@org.junit.jupiter.api.Tag("integration")
class CallbackParametersTest {
    private static final String STATE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private static LinkingStack stack;

    @BeforeAll
    static void start() {
        stack = LinkingStack.start(spotify.emulator());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", // nothing at all
                "code=abc", // no state
                "state=&code=abc", // empty state
                "state=" + STATE, // neither code nor error
                "state=" + STATE + "&code=abc&error=access_denied", // both
                "state=short&code=abc", // state too short to be ours
                "state=" + STATE + "%3Cscript%3E&code=abc", // characters a state never has
                "state=" + STATE + "&code=a%20b", // a space in the code
                "state=" + STATE + "&state=" + STATE + "&code=abc", // a repeated state
                "state=" + STATE + "&error=ACCESS%20DENIED", // an error code in the wrong form
            })
    void malformedCallbacksAre400InvalidRequest(String rawQuery) {
        int calls = spotify.emulator().calls().size();
        TestContext context = TestContext.create();

        APIGatewayV2HTTPResponse response = stack.invokeCallback(
                HttpEvents.get("/callback").rawQuery(rawQuery).build(), context);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("invalid_request", ShownError.code(response));
        assertTrue(response.getBody().contains("href=\"/link\""));
        assertTrue(!response.getBody().contains("script"), "input is never echoed");
        assertEquals(calls, spotify.emulator().calls().size());
        assertTrue(context.logs().contains("\"errorCode\":\"invalid_request\""));
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 3000})
    void oversizedStatesAreRefused(int length) {
        String longState = "A".repeat(length);

        APIGatewayV2HTTPResponse response = stack.invokeCallback(
                HttpEvents.get("/callback")
                        .query("state", longState)
                        .query("code", "abc")
                        .build(),
                TestContext.create());

        assertEquals(400, response.getStatusCode());
        assertEquals("invalid_request", ShownError.code(response));
    }
}
