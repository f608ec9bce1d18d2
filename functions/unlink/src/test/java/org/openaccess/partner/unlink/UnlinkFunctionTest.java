package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;

/** POST /unlink through the deployed handler class, against dynalite and the Spotify emulator. */
@org.junit.jupiter.api.Tag("integration")
class UnlinkFunctionTest {
    private static final String ADA = "member-ada";

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

    private TestDeployment deployment;
    private UnlinkFunction function;
    private final TestContext context = TestContext.create();

    @BeforeEach
    void linkAda() {
        deployment = TestDeployment.of(SPOTIFY.emulator()).start(new UnlinkSettings().required());
        function = deployment.start(wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)));
        deployment.link(ADA, "ada", Set.of("basic"));
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    /** The account page's form, as a browser posts it. */
    private HttpEvents formPost(String userId) {
        return post(TestDeployment.PARTNER_SITE, "text/html,application/xhtml+xml", deployment.sessionFor(userId));
    }

    /** A post with exactly these headers and session cookie (the builder joins repeated headers, as API Gateway does). */
    private static HttpEvents post(String origin, String accept, String session) {
        return HttpEvents.post("/unlink")
                .header("origin", origin)
                .header("accept", accept)
                .cookie("partner_session", session)
                .form(Map.of("confirm", "unlink"));
    }

    @Test
    void theAccountPagesFormUnlinksOnSpotifyRecordsItAndGoesBackWith303() {
        APIGatewayV2HTTPResponse response = function.handleRequest(formPost(ADA).build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertFalse(deployment.linkedOnSpotify(ADA));
        assertEquals(LinkStatus.UNLINKED, deployment.link(ADA).orElseThrow().status());
        assertEquals(1, deployment.spotify.calls("unlink-user").size());
    }

    @Test
    void aScriptAskingForJsonGetsJson() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post(TestDeployment.PARTNER_SITE, "application/json", deployment.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("{\"status\":\"unlinked\"}", response.getBody());
    }

    @Test
    void aLinkAlreadyGoneOnSpotifysSideIsStillAnUnlink() {
        deployment.spotify.unlinkOnSpotify(TestDeployment.PARTNER_ID, deployment.puid(ADA));

        APIGatewayV2HTTPResponse response = function.handleRequest(formPost(ADA).build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertEquals(LinkStatus.UNLINKED, deployment.link(ADA).orElseThrow().status());
    }

    @Test
    void aListenerWithoutALinkIsToldSoAndSpotifyIsNotCalled() {
        APIGatewayV2HTTPResponse response =
                function.handleRequest(formPost("member-grace").build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=not_linked",
                response.getHeaders().get("Location"));
        assertEquals(0, deployment.spotify.calls("unlink-user").size());
    }

    @Test
    void afterUnlinkingNoChangeIsPushedAnyMore() {
        function.handleRequest(formPost(ADA).build(), context);
        PartnerMembership.of(deployment.wiring).set(TestDeployment.member(ADA), Set.of("premium"));

        assertEquals(
                new SyncOutcome.NotLinked(), deployment.wiring.entitlementSync().sync(TestDeployment.member(ADA)));
        assertEquals(0, deployment.spotify.calls("replace-entitlements").size());
    }

    @ParameterizedTest(name = "origin={0} sec-fetch-site={1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "https://attacker.example, none",
                "https://attacker.example, same-origin",
                "http://127.0.0.1:3001, none",
                "https://127.0.0.1:3000, none",
                "null, none",
                "http://evil.example@127.0.0.1:3000, none",
                "http://127.0.0.1:3000/evil, none",
                "HTTP://127.0.0.1:3000, none",
                "http://127.0.0.1:3000/, none",
                "none, cross-site",
                "none, same-site",
                "none, none"
            })
    void aPostNotFromThePartnersOwnPagesIsRefusedWith403(String origin, String secFetchSite) {
        HttpEvents request = HttpEvents.post("/unlink")
                .header("accept", "text/html")
                .cookie("partner_session", deployment.sessionFor(ADA))
                .form(Map.of("confirm", "unlink"));
        if (origin != null) {
            request.header("origin", origin);
        }
        if (secFetchSite != null) {
            request.header("sec-fetch-site", secFetchSite);
        }

        APIGatewayV2HTTPResponse response = function.handleRequest(request.build(), context);

        assertEquals(403, response.getStatusCode());
        assertEquals("csrf_rejected", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
        assertEquals(0, deployment.spotify.calls("unlink-user").size());
    }

    @Test
    void withoutAnOriginTheBrowsersSameOriginMarkIsEnough() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.post("/unlink")
                        .header("sec-fetch-site", "same-origin")
                        .cookie("partner_session", deployment.sessionFor(ADA))
                        .form(Map.of())
                        .build(),
                context);

        assertEquals(303, response.getStatusCode());
    }

    @Test
    void aForeignOriginGetsAJsonErrorWhenItAsksForJson() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post("https://attacker.example", "application/json", deployment.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(403, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("csrf_rejected", ShownError.code(response));
    }

    @Test
    void noSessionOrAForgedOneIs401() {
        APIGatewayV2HTTPResponse none = function.handleRequest(
                HttpEvents.post("/unlink")
                        .header("origin", TestDeployment.PARTNER_SITE)
                        .form(Map.of())
                        .build(),
                context);
        String forged = deployment.sessionFor(ADA);
        APIGatewayV2HTTPResponse tampered = function.handleRequest(
                post(TestDeployment.PARTNER_SITE, "text/html", forged.substring(0, forged.length() - 4) + "AAAA")
                        .build(),
                context);

        for (APIGatewayV2HTTPResponse response : List.of(none, tampered)) {
            assertEquals(401, response.getStatusCode());
            assertEquals("session_required", ShownError.code(response));
        }
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"listener-\u0000", "listener-\u2028"})
    void aSessionWhoseSubCannotBeAUserIdIs401AndSpotifyIsNotCalled(String subject) {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post(TestDeployment.PARTNER_SITE, "text/html", deployment.sessionFor(subject))
                        .build(),
                context);

        assertEquals(401, response.getStatusCode());
        assertEquals("session_required", ShownError.code(response));
        assertEquals(0, deployment.spotify.calls("unlink-user").size());
    }

    @Test
    void aSessionWhoseSubIsLongerThanAnyUserIdIs401NotAnOutage() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                post(TestDeployment.PARTNER_SITE, "application/json", deployment.sessionFor("é".repeat(1050)))
                        .build(),
                context);

        assertEquals(401, response.getStatusCode());
        assertEquals("session_required", ShownError.code(response));
    }

    @Test
    void aGetIs405() {
        APIGatewayV2HTTPResponse response = function.handleRequest(
                HttpEvents.get("/unlink")
                        .cookie("partner_session", deployment.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(405, response.getStatusCode());
        assertEquals("method_not_allowed", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
    }

    @Test
    void spotifyDownIsA503AndTheLinkStays() {
        deployment.spotify.faults().inject("unlink-user", Fault.status(503));

        APIGatewayV2HTTPResponse response = function.handleRequest(formPost(ADA).build(), context);

        assertEquals(503, response.getStatusCode());
        assertEquals("spotify_unavailable", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
    }

    @Test
    void aClientNotAllowListedForUnlinkingShowsA502AndTellsTheOperatorWhy() {
        EmulatorConfig withoutUnlink = EmulatorConfig.defaults()
                .withClient(EmulatorConfig.localClient().withoutScope(Scopes.UNLINK));
        try (SpotifyEmulator restrictedSpotify = SpotifyEmulator.start(withoutUnlink, 0);
                TestDeployment restricted =
                        TestDeployment.of(restrictedSpotify).start(new UnlinkSettings().required())) {
            UnlinkFunction restrictedFunction =
                    restricted.start(wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)));
            restricted.link(ADA, "ada", Set.of("basic"));
            TestContext logged = TestContext.create();

            APIGatewayV2HTTPResponse response = restrictedFunction.handleRequest(
                    HttpEvents.post("/unlink")
                            .header("origin", TestDeployment.PARTNER_SITE)
                            .header("accept", "text/html")
                            .cookie("partner_session", restricted.sessionFor(ADA))
                            .form(Map.of())
                            .build(),
                    logged);

            assertEquals(502, response.getStatusCode());
            assertEquals("unlink_not_allowed", ShownError.code(response));
            assertEquals(LinkStatus.LINKED, restricted.link(ADA).orElseThrow().status());
            String line = logged.loggedLines().stream()
                    .filter(l -> l.contains("unlink_not_allowed"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(line.contains("\"level\":\"ERROR\""), line);
            assertTrue(
                    line.contains("not allow-listed")
                            && line.contains("user-soa-unlink")
                            && line.contains(EmulatorConfig.LOCAL_CLIENT_ID),
                    line);
        }
    }

    @Test
    void neitherTheSessionNorTheClientSecretReachesALogLineOrAPage() {
        String session = deployment.sessionFor(ADA);
        TestContext logged = TestContext.create();

        APIGatewayV2HTTPResponse ok = function.handleRequest(
                post(TestDeployment.PARTNER_SITE, "text/html", session).build(), logged);
        APIGatewayV2HTTPResponse refused = function.handleRequest(
                post("https://attacker.example", "text/html", session).build(), logged);

        for (String text : List.of(logged.logs(), String.valueOf(ok.getBody()), refused.getBody())) {
            assertFalse(text.contains(session));
            assertFalse(text.contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
        }
        assertEquals(2, logged.loggedLines().size(), "one line per request");
    }

    @Test
    void primingRunsTheRefusalsWithoutCallingSpotifyOrUnlinkingAnyone() {
        function.beforeCheckpoint(null);

        assertEquals(List.of(), deployment.spotify.calls());
        assertEquals(LinkStatus.LINKED, deployment.link(ADA).orElseThrow().status());
    }
}
