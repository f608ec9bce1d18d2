package org.openaccess.partner.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.partner.testkit.LambdaEvents;

/**
 * Each file of {@code events/<folder>/} (what {@code sam local invoke} would send), read with the Lambda runtime's
 * serialization and sent to the deployed handler, gets the status and answer the folder's README promises; a new
 * file without an answer fails. A subclass names the folder, its answers, the handler's {@link DeployedFunction},
 * and checks what an answer shows beyond its status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventFilesTest<A extends EventFilesTest.Answer> {
    /** What the README promises for one file: its status, and what the subclass checks besides. */
    public interface Answer {
        int status();
    }

    private final String folder;
    private final Map<String, A> answers;
    private final DeployedFunction<?> deployed;

    protected EventFilesTest(String folder, Map<String, A> answers, DeployedFunction<?> deployed) {
        this.folder = folder;
        this.answers = Map.copyOf(answers);
        this.deployed = deployed;
    }

    /** What the listener or client sees besides the status, and what the answer left stored. */
    protected abstract void assertAnswered(A answer, APIGatewayV2HTTPResponse response);

    protected List<String> eventFiles() {
        return LambdaEvents.files(folder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    public void eachEventFileGetsTheAnswerItsReadmePromises(String file) {
        A answer = LambdaEvents.documentedAnswer(answers, folder, file);

        APIGatewayV2HTTPResponse response =
                LambdaEvents.sendHttp(folder + "/" + file, deployed.function()::handleRequest);

        assertEquals(answer.status(), response.getStatusCode(), response.getBody());
        assertAnswered(answer, response);
    }
}
