package org.openaccess.partner.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * Each HTTP function's deployed jar, started alone with the template's environment, routes a request to its
 * controller and answers it: the shaded jar kept Micronaut's compile-time bean definitions and service files.
 * The requests need neither DynamoDB nor Spotify.
 */
@org.junit.jupiter.api.Tag("integration")
class HttpAnswersFromTheJarTest {

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("EntrypointFunction", "/link", Map.of(), "STATUS 302 -"),
                Arguments.of(
                        "EntrypointFunction",
                        "/link",
                        Map.of("spotifyShowUri", "not-a-show"),
                        "STATUS 400 invalid_show_uri"),
                Arguments.of("CallbackFunction", "/callback", Map.of(), "STATUS 400 invalid_request"));
    }

    @ParameterizedTest(name = "{0} GET {1} {2}")
    @MethodSource("requests")
    void theJarAloneAnswersWithTheTemplatesEnvironment(
            String logicalId, String path, Map<String, String> query, String expected) {
        SamTemplate.Function function = DeployedEnvironment.shared().template().functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
        FunctionArtifact artifact = FunctionArtifact.of(function);
        assertTrue(
                artifact.exists(),
                logicalId + ": CodeUri " + artifact.jar()
                        + " does not exist; build it with ./mvnw -B package -DskipTests");

        HandlerInit.Result result = HandlerInit.request(
                artifact.snapshot(), DeployedEnvironment.shared().of(function), path, query);

        String answer = result.lines().stream()
                .filter(line -> line.startsWith(HttpRequestProbe.STATUS))
                .findFirst()
                .orElse(result.output());
        assertEquals(expected, answer);
    }
}
