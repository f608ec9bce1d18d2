package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.web.CoreBeans;

/** POST /unlink/{slug}: a listener linked to the default partner and a creator unlinks from one of them. */
@org.junit.jupiter.api.Tag("integration")
class PartnerUnlinkTest {
    private static final String ADA = "member-ada";
    private static final Membership ADA_AT_CREATOR = TestDeployment.creatorMember(ADA);

    @RegisterExtension
    static DeployedFunction<UnlinkFunction> unlink = DeployedFunction.of(
                    new UnlinkSettings().required(), wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)))
            .onEmulator(TestDeployment.platformConfig())
            .arranged(PartnerUnlinkTest::linkAdaToBoth);

    private static void linkAdaToBoth(TestDeployment deployment) {
        deployment.registerCreator();
        deployment.link(ADA, "ada", Set.of("basic"));
        deployment.link(ADA_AT_CREATOR, "ada", Set.of("supporter"));
    }

    /** Ada's post from the partner's own pages. */
    private static APIGatewayV2HTTPResponse post(String path, String accept) {
        return unlink.send(unlink.deployment()
                .signedIn(HttpEvents.post(path), ADA)
                .header("origin", TestDeployment.PARTNER_SITE)
                .header("accept", accept)
                .form(Map.of("confirm", "unlink")));
    }

    @Test
    void unlinkingFromTheCreatorLeavesTheDefaultPartnerLinked() {
        APIGatewayV2HTTPResponse response = post("/unlink/" + TestDeployment.CREATOR_SLUG, "text/html");

        assertEquals(303, response.getStatusCode(), response.getBody());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertFalse(unlink.deployment().linkedOnSpotify(ADA_AT_CREATOR));
        assertEquals(
                LinkStatus.UNLINKED,
                unlink.deployment().link(ADA_AT_CREATOR).orElseThrow().status());
        assertTrue(unlink.deployment().linkedOnSpotify(ADA), "still linked to the default partner on Spotify");
        assertEquals(
                LinkStatus.LINKED, unlink.deployment().link(ADA).orElseThrow().status());
        assertEquals(
                TestDeployment.CREATOR_PARTNER_ID,
                unlink.deployment().spotify.calls("unlink-user").getFirst().partnerId(),
                "unlink-user names the creator");
    }

    @Test
    void unlinkingFromTheDefaultPartnerLeavesTheCreatorLinked() {
        APIGatewayV2HTTPResponse response = post("/unlink", "application/json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("unlinked", ShownError.field(response, "status"));
        assertEquals(
                LinkStatus.UNLINKED, unlink.deployment().link(ADA).orElseThrow().status());
        assertEquals(
                LinkStatus.LINKED,
                unlink.deployment().link(ADA_AT_CREATOR).orElseThrow().status());
        assertTrue(unlink.deployment().linkedOnSpotify(ADA_AT_CREATOR));
    }

    @ParameterizedTest(name = "slug={0}")
    @ValueSource(strings = {"no-such-creator", "Creator-Two", "x", "creator-"})
    void anUnknownOrMalformedSlugIsNotFoundAndUnlinksNothing(String slug) {
        APIGatewayV2HTTPResponse response = post("/unlink/" + slug, "application/json");

        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("unknown_partner", ShownError.code(response));
        assertEquals(0, unlink.deployment().spotify.calls("unlink-user").size());
        assertTrue(unlink.deployment().linkedOnSpotify(ADA));
        assertTrue(unlink.deployment().linkedOnSpotify(ADA_AT_CREATOR));
    }

    @Test
    void anUnknownSlugIsAPageForTheAccountPagesForm() {
        APIGatewayV2HTTPResponse response = post("/unlink/no-such-creator", "text/html");

        assertEquals(404, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertEquals("unknown_partner", ShownError.code(response));
    }

    @Test
    void aCrossSitePostToAPartnerIsRefusedBeforeTheRegistryIsAsked() {
        APIGatewayV2HTTPResponse response = unlink.send(unlink.deployment()
                .signedIn(HttpEvents.post("/unlink/" + TestDeployment.CREATOR_SLUG), ADA)
                .header("origin", "https://evil.example")
                .header("accept", "application/json"));

        assertEquals(403, response.getStatusCode());
        assertEquals("csrf_rejected", ShownError.code(response));
        assertTrue(unlink.deployment().linkedOnSpotify(ADA_AT_CREATOR));
    }
}
