package org.openaccess.partner.local.lambda;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.junit.jupiter.api.Test;

class HandlerClassesTest {

    public static final class Echo implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    public static final class FailsAtInit implements RequestHandler<String, String> {
        public FailsAtInit() {
            throw new IllegalStateException("SPOTIFY_CLIENT_ID is missing");
        }

        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    @Test
    void theSamHandlerNameWithOrWithoutMethodNamesTheClass() {
        assertInstanceOf(
                Echo.class, HandlerClasses.instantiate(Echo.class.getName() + "::handleRequest", RequestHandler.class));
        assertInstanceOf(Echo.class, HandlerClasses.instantiate(Echo.class.getName(), RequestHandler.class));
    }

    @Test
    void aMissingClassOrAFailedInitIsExplained() {
        IllegalStateException missing = assertThrows(
                IllegalStateException.class,
                () -> HandlerClasses.instantiate("org.example.Nope::handleRequest", RequestHandler.class));
        assertTrue(
                missing.getMessage().contains("org.example.Nope")
                        && missing.getMessage().contains("./run-local --rebuild"),
                missing.getMessage());
        IllegalStateException init = assertThrows(
                IllegalStateException.class,
                () -> HandlerClasses.instantiate(FailsAtInit.class.getName(), RequestHandler.class));
        assertTrue(
                init.getMessage().contains("failed its init")
                        && init.getMessage().contains("SPOTIFY_CLIENT_ID is missing"),
                init.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> HandlerClasses.instantiate(String.class.getName(), RequestHandler.class));
    }
}
