package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;

/** POST /unlink through the deployed handler class, against dynalite and the Spotify emulator. */
@org.junit.jupiter.api.Tag("integration")
class UnlinkFunctionTest {
    private static final String ADA = "member-ada";

    @RegisterExtension
    static DeployedFunction<UnlinkFunction> unlink = DeployedFunction.of(
                    new UnlinkSettings().required(), wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)))
            .arranged(deployment -> deployment.link(ADA, "ada", Set.of("basic")));

    private static TestDeployment deployment() {
        return unlink.deployment();
    }

    /** The account page's form, as a browser posts it. */
    private static HttpEvents formPost(String userId) {
        return post(
                TestDeployment.PARTNER_SITE,
                "text/html,application/xhtml+xml",
                deployment().sessionFor(userId));
    }

    /** A post with exactly these headers and session cookie (the builder joins repeated headers, as API Gateway does). */
    private static HttpEvents post(String origin, String accept, String session) {
        return HttpEvents.post("/unlink")
                .header("origin", origin)
                .header("accept", accept)
                .cookie(TestDeployment.SESSION_COOKIE, session)
                .form(Map.of("confirm", "unlink"));
    }

    @Test
    void theAccountPagesFormUnlinksOnSpotifyRecordsItAndGoesBackWith303() {
        APIGatewayV2HTTPResponse response = unlink.send(formPost(ADA));

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertFalse(deployment().linkedOnSpotify(ADA));
        assertEquals(LinkStatus.UNLINKED, deployment().link(ADA).orElseThrow().status());
        assertEquals(1, deployment().spotify.calls("unlink-user").size());
    }

    @Test
    void aScriptAskingForJsonGetsJson() {
        APIGatewayV2HTTPResponse response = unlink.send(post(
                TestDeployment.PARTNER_SITE, "application/json", deployment().sessionFor(ADA)));

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("{\"status\":\"unlinked\"}", response.getBody());
    }

    @Test
    void aLinkAlreadyGoneOnSpotifysSideIsStillAnUnlink() {
        deployment()
                .spotify
                .unlinkOnSpotify(TestDeployment.PARTNER_ID, deployment().puid(ADA));

        APIGatewayV2HTTPResponse response = unlink.send(formPost(ADA));

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertEquals(LinkStatus.UNLINKED, deployment().link(ADA).orElseThrow().status());
    }

    @Test
    void aListenerWithoutALinkIsToldSoAndSpotifyIsNotCalled() {
        APIGatewayV2HTTPResponse response = unlink.send(formPost("member-grace"));

        assertEquals(303, response.getStatusCode());
        assertEquals(
                TestDeployment.RETURN_URL + "?spotify=not_linked",
                response.getHeaders().get("Location"));
        assertEquals(0, deployment().spotify.calls("unlink-user").size());
    }

    @Test
    void afterUnlinkingNoChangeIsPushedAnyMore() {
        unlink.send(formPost(ADA));
        PartnerMembership.of(deployment().wiring).set(TestDeployment.member(ADA), Set.of("premium"));

        assertEquals(
                new SyncOutcome.NotLinked(),
                deployment().wiring.entitlementSync().sync(TestDeployment.member(ADA)));
        assertEquals(0, deployment().spotify.calls("replace-entitlements").size());
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
                .cookie(TestDeployment.SESSION_COOKIE, deployment().sessionFor(ADA))
                .form(Map.of("confirm", "unlink"));
        if (origin != null) {
            request.header("origin", origin);
        }
        if (secFetchSite != null) {
            request.header("sec-fetch-site", secFetchSite);
        }

        APIGatewayV2HTTPResponse response = unlink.send(request);

        assertEquals(403, response.getStatusCode());
        assertEquals("csrf_rejected", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());
        assertEquals(0, deployment().spotify.calls("unlink-user").size());
    }

    @Test
    void withoutAnOriginTheBrowsersSameOriginMarkIsEnough() {
        APIGatewayV2HTTPResponse response = unlink.send(HttpEvents.post("/unlink")
                .header("sec-fetch-site", "same-origin")
                .cookie(TestDeployment.SESSION_COOKIE, deployment().sessionFor(ADA))
                .form(Map.of()));

        assertEquals(303, response.getStatusCode());
    }

    @Test
    void aForeignOriginGetsAJsonErrorWhenItAsksForJson() {
        APIGatewayV2HTTPResponse response = unlink.send(post(
                "https://attacker.example", "application/json", deployment().sessionFor(ADA)));

        assertEquals(403, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("csrf_rejected", ShownError.code(response));
    }

    @Test
    void noSessionOrAForgedOneIs401() {
        APIGatewayV2HTTPResponse none = unlink.send(HttpEvents.post("/unlink")
                .header("origin", TestDeployment.PARTNER_SITE)
                .form(Map.of()));
        String forged = deployment().sessionFor(ADA);
        APIGatewayV2HTTPResponse tampered = unlink.send(
                post(TestDeployment.PARTNER_SITE, "text/html", forged.substring(0, forged.length() - 4) + "AAAA"));

        for (APIGatewayV2HTTPResponse response : List.of(none, tampered)) {
            assertEquals(401, response.getStatusCode());
            assertEquals("session_required", ShownError.code(response));
        }
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());
    }

    /** A NUL or a line separator cannot be in a user id; 1,050 two-byte characters are longer than any (no outage). */
    static Stream<Arguments> subjectsThatCannotBeAUserId() {
        return Stream.of(
                Arguments.of("listener-\u0000", "text/html"),
                Arguments.of("listener-\u2028", "text/html"),
                Arguments.of("é".repeat(1050), "application/json"));
    }

    @ParameterizedTest
    @MethodSource("subjectsThatCannotBeAUserId")
    void aSessionWhoseSubCannotBeAUserIdIs401AndSpotifyIsNotCalled(String subject, String accept) {
        APIGatewayV2HTTPResponse response = unlink.send(
                post(TestDeployment.PARTNER_SITE, accept, deployment().sessionFor(subject)));

        assertEquals(401, response.getStatusCode());
        assertEquals("session_required", ShownError.code(response));
        assertEquals(0, deployment().spotify.calls("unlink-user").size());
    }

    @Test
    void aGetIs405() {
        APIGatewayV2HTTPResponse response = unlink.send(deployment().signedIn(HttpEvents.get("/unlink"), ADA));

        assertEquals(405, response.getStatusCode());
        assertEquals("method_not_allowed", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());
    }

    @Test
    void spotifyDownIsA503AndTheLinkStays() {
        deployment().spotify.faults().inject("unlink-user", Fault.status(503));

        APIGatewayV2HTTPResponse response = unlink.send(formPost(ADA));

        assertEquals(503, response.getStatusCode());
        assertEquals("spotify_unavailable", ShownError.code(response));
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());
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
                    post(TestDeployment.PARTNER_SITE, "text/html", restricted.sessionFor(ADA))
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
        String session = deployment().sessionFor(ADA);

        APIGatewayV2HTTPResponse ok = unlink.send(post(TestDeployment.PARTNER_SITE, "text/html", session));
        APIGatewayV2HTTPResponse refused = unlink.send(post("https://attacker.example", "text/html", session));

        TestContext logged = unlink.context();
        for (String text : List.of(logged.logs(), String.valueOf(ok.getBody()), refused.getBody())) {
            assertFalse(text.contains(session));
            assertFalse(text.contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
        }
        assertEquals(2, logged.loggedLines().size(), "one line per request");
    }

    @Test
    void primingRunsTheRefusalsWithoutCallingSpotifyOrUnlinkingAnyone() {
        unlink.function().beforeCheckpoint(null);

        assertEquals(List.of(), deployment().spotify.calls());
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());
    }

    /**
     * Priming took a signed-in post past the session check with a throwaway key and an in-memory link store; the
     * function itself refuses what that key signs, and still unlinks a real session afterwards.
     */
    @Test
    void afterPrimingASessionSignedWithPrimingsThrowawayKeyIsRefusedAndARealOneUnlinks() {
        unlink.function().beforeCheckpoint(null);

        APIGatewayV2HTTPResponse forged = unlink.send(post(
                TestDeployment.PARTNER_SITE,
                "text/html",
                ThrowawayParts.session(ADA, deployment().clock.instant())));
        assertEquals(401, forged.getStatusCode());
        assertEquals("session_required", ShownError.code(forged));
        assertEquals(LinkStatus.LINKED, deployment().link(ADA).orElseThrow().status());

        APIGatewayV2HTTPResponse real = unlink.send(formPost(ADA));
        assertEquals(303, real.getStatusCode());
        assertEquals(LinkStatus.UNLINKED, deployment().link(ADA).orElseThrow().status());
        assertEquals(1, deployment().spotify.calls("unlink-user").size());
    }
}
