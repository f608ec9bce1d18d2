package org.openaccess.partner.core.fuzz;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.lifecycle.AfterContainer;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.TestContext;

/**
 * The start-up the HTTP fuzzers share (docs/fuzzing.md): an in-process Spotify emulator and a deployment on
 * dynalite, started by the subclass's {@code @BeforeContainer} through {@link #deploy} and {@link #fuzzing}, and
 * closed after the container. jqwik runs the containers one after another, so one set of static fields serves
 * every subclass.
 */
public abstract class DeployedFuzzing {
    protected static SpotifyEmulator spotify;
    protected static TestDeployment deployment;
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> fuzzed;

    /** Starts the emulator and a deployment with the local settings for the functions under test. */
    protected static TestDeployment deploy(Set<Setting> required) {
        return deploy(EmulatorConfig.defaults(), Map.of(), required);
    }

    /**
     * @param spotifyConfig the emulator's configuration
     * @param settings settings that replace the local ones
     * @param required the settings of the functions under test
     */
    protected static TestDeployment deploy(
            EmulatorConfig spotifyConfig, Map<String, String> settings, Set<Setting> required) {
        spotify = SpotifyEmulator.start(spotifyConfig, 0);
        deployment = TestDeployment.of(spotify).with(settings).start(required);
        return deployment;
    }

    /** Starts the deployed handler that {@link #send} hands the generated requests to. */
    protected static <F extends AutoCloseable & RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
            F fuzzing(Function<CoreWiring, F> handler) {
        F function = deployment.start(handler);
        fuzzed = function;
        return function;
    }

    /** A generated request as API Gateway would hand it to the handler under fuzz. */
    protected static APIGatewayV2HTTPResponse send(FuzzRequest request) {
        return fuzzed.handleRequest(request.toEvent(), TestContext.create());
    }

    @AfterContainer
    static void closeTheDeploymentAndSpotify() {
        if (deployment != null) {
            deployment.close();
        }
        if (spotify != null) {
            spotify.close();
        }
        fuzzed = null;
        deployment = null;
        spotify = null;
    }
}
