package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.EventFilesTest;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.web.CoreBeans;

/**
 * Each file of {@code events/unlink/} (what {@code sam local invoke} would send) gets the answer its README
 * promises; a new file without an answer here fails.
 */
@org.junit.jupiter.api.Tag("integration")
class UnlinkEventFilesTest extends EventFilesTest<UnlinkEventFilesTest.Answer> {
    /** The user of the session cookie in the event files. */
    private static final String LISTENER = "local-demo-listener-ada";

    /**
     * {@code shown}: the Location of a 303, the {@code status} field of a 200 JSON answer, the error code of a
     * refusal.
     *
     * @param partnerFile the file is about the creator's link ({@code /unlink/lunar-radio}), not the default one
     */
    record Answer(int status, String shown, boolean partnerFile) implements EventFilesTest.Answer {
        Answer(int status, String shown) {
            this(status, shown, false);
        }
    }

    private static final Map<String, Answer> ANSWERS = Map.of(
            "unlink.json", new Answer(303, TestDeployment.RETURN_URL + "?spotify=unlinked"),
            "unlink-json.json", new Answer(200, "unlinked"),
            "unlink-foreign-origin.json", new Answer(403, "csrf_rejected"),
            "unlink-no-session.json", new Answer(401, "session_required"),
            "unlink-get.json", new Answer(405, "method_not_allowed"),
            "unlink-partner.json", new Answer(303, TestDeployment.RETURN_URL + "?spotify=unlinked", true),
            "unlink-unknown-partner.json", new Answer(404, "unknown_partner", true));

    @RegisterExtension
    static DeployedFunction<UnlinkFunction> unlink = DeployedFunction.of(
                    new UnlinkSettings().required(), wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)))
            .onEmulator(TestDeployment.platformConfig())
            .arranged(UnlinkEventFilesTest::linkTheListener);

    UnlinkEventFilesTest() {
        super("unlink", ANSWERS, unlink);
    }

    private static void linkTheListener(TestDeployment deployment) {
        deployment.link(LISTENER, "ada", Set.of("premium"));
        // The partner files' creator, as ./admin create-partner leaves it, and the listener's link to it.
        deployment.registerPartner("lunar-radio", TestDeployment.CREATOR_PARTNER_ID);
        deployment.link(TestDeployment.creatorMember(LISTENER), "ada", Set.of("supporter"));
    }

    @Override
    protected void assertAnswered(Answer answer, APIGatewayV2HTTPResponse response) {
        String shown = switch (answer.status()) {
            case 303 -> response.getHeaders().get("Location");
            case 200 -> ShownError.field(response, "status");
            default -> ShownError.code(response);
        };
        assertEquals(answer.shown(), shown);
        boolean unlinked = answer.status() == 200 || answer.status() == 303;
        boolean defaultUnlinked = unlinked && !answer.partnerFile();
        boolean creatorUnlinked = unlinked && answer.partnerFile();
        TestDeployment deployment = unlink.deployment();
        assertEquals(defaultUnlinked, !deployment.linkedOnSpotify(LISTENER), "the default link, only on its success");
        assertEquals(
                creatorUnlinked,
                !deployment.linkedOnSpotify(TestDeployment.creatorMember(LISTENER)),
                "the creator's link, only on its own success");
    }
}
