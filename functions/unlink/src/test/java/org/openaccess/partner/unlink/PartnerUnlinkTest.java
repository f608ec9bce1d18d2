package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;

/** POST /unlink/{slug}: a listener linked to the default partner and a creator unlinks from one of them. */
@org.junit.jupiter.api.Tag("integration")
class PartnerUnlinkTest {
    private static final String ADA = "member-ada";
    private static final Membership ADA_AT_CREATOR = TestDeployment.creatorMember(ADA);

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(TestDeployment.platformConfig());

    private TestDeployment deployment;
    private UnlinkFunction function;
    private final TestContext context = TestContext.create();

    @BeforeEach
    void linkAdaToBoth() {
        deployment = TestDeployment.of(SPOTIFY.emulator()).start(new UnlinkSettings().required());
        function = deployment.start(wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)));
        deployment.registerCreator();
        deployment.link(ADA, "ada", Set.of("basic"));
        deployment.link(ADA_AT_CREATOR, "ada", Set.of("supporter"));
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    private HttpEvents post(String path, String accept) {
        return HttpEvents.post(path)
                .header("origin", TestDeployment.PARTNER_SITE)
                .header("accept", accept)
                .cookie("partner_session", deployment.sessionFor(ADA))
                .form(Map.of("confirm", "unlink"));
    }

    @Test
    void unlinkingFromTheCreatorLeavesTheDefaultPartnerLinked() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post("/unlink/" + TestDeployment.CREATOR_SLUG, "text/html").build(), context);

        assertEquals(303, response.getStatusCode(), response.getBody());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertFalse(deployment.linkedOnSpotify(ADA_AT_CREATOR));
        assertEquals(
                LinkStatus.UNLINKED,
                deployment.link(ADA_AT_CREATOR).orElseThrow().status());
        assertTrue(deployment.linkedOnSpotify(ADA), "still linked to the default partner on Spotify");
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
        assertEquals(
                TestDeployment.CREATOR_PARTNER_ID,
                deployment.spotify.calls("unlink-user").getFirst().partnerId(),
                "unlink-user names the creator");
    }

    @Test
    void unlinkingFromTheDefaultPartnerLeavesTheCreatorLinked() {
        APIGatewayV2HTTPResponse response =
                function.handleRequest(post("/unlink", "application/json").build(), context);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("unlinked", ShownError.field(response, "status"));
        assertEquals(LinkStatus.UNLINKED, deployment.link(ADA).orElseThrow().status());
        assertEquals(
                LinkStatus.LINKED, deployment.link(ADA_AT_CREATOR).orElseThrow().status());
        assertTrue(deployment.linkedOnSpotify(ADA_AT_CREATOR));
    }

    @ParameterizedTest(name = "slug={0}")
    @ValueSource(strings = {"no-such-creator", "Creator-Two", "x", "creator-"})
    void anUnknownOrMalformedSlugIsNotFoundAndUnlinksNothing(String slug) {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post("/unlink/" + slug, "application/json").build(), context);

        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("unknown_partner", ShownError.code(response));
        assertEquals(0, deployment.spotify.calls("unlink-user").size());
        assertTrue(deployment.linkedOnSpotify(ADA));
        assertTrue(deployment.linkedOnSpotify(ADA_AT_CREATOR));
    }

    @Test
    void anUnknownSlugIsAPageForTheAccountPagesForm() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post("/unlink/no-such-creator", "text/html").build(), context);

        assertEquals(404, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertEquals("unknown_partner", ShownError.code(response));
    }

    @Test
    void aCrossSitePostToAPartnerIsRefusedBeforeTheRegistryIsAsked() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.post("/unlink/" + TestDeployment.CREATOR_SLUG)
                        .header("origin", "https://evil.example")
                        .header("accept", "application/json")
                        .cookie("partner_session", deployment.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(403, response.getStatusCode());
        assertEquals("csrf_rejected", ShownError.code(response));
        assertTrue(deployment.linkedOnSpotify(ADA_AT_CREATOR));
    }
}
