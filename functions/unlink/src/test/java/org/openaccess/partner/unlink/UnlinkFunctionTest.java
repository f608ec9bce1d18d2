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
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;

/** POST /unlink through the deployed handler class, against dynalite and the Spotify emulator. */
@org.junit.jupiter.api.Tag("integration")
class UnlinkFunctionTest {
    private static final String ADA = "member-ada";

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

    private UnlinkHarness harness;
    private final TestContext context = TestContext.create();

    @BeforeEach
    void linkAda() {
        harness = UnlinkHarness.start(SPOTIFY.emulator());
        harness.link(ADA, "ada", Set.of("basic"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** The account page's form, as a browser posts it. */
    private HttpEvents formPost(String userId) {
        return post(UnlinkHarness.PARTNER_SITE, "text/html,application/xhtml+xml", harness.sessionFor(userId));
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
        APIGatewayV2HTTPResponse response = harness.invoke(formPost(ADA).build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                UnlinkHarness.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertFalse(harness.linkedOnSpotify(ADA));
        assertEquals(LinkStatus.UNLINKED, harness.link(ADA).orElseThrow().status());
        assertEquals(1, harness.unlinkCalls());
    }

    @Test
    void aScriptAskingForJsonGetsJson() {
        APIGatewayV2HTTPResponse response = harness.invoke(
                post(UnlinkHarness.PARTNER_SITE, "application/json", harness.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("{\"status\":\"unlinked\"}", response.getBody());
    }

    @Test
    void aLinkAlreadyGoneOnSpotifysSideIsStillAnUnlink() {
        harness.spotify.unlinkOnSpotify(UnlinkHarness.PARTNER_ID, harness.puid(ADA));

        APIGatewayV2HTTPResponse response = harness.invoke(formPost(ADA).build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                UnlinkHarness.RETURN_URL + "?spotify=unlinked",
                response.getHeaders().get("Location"));
        assertEquals(LinkStatus.UNLINKED, harness.link(ADA).orElseThrow().status());
    }

    @Test
    void aListenerWithoutALinkIsToldSoAndSpotifyIsNotCalled() {
        APIGatewayV2HTTPResponse response =
                harness.invoke(formPost("member-grace").build(), context);

        assertEquals(303, response.getStatusCode());
        assertEquals(
                UnlinkHarness.RETURN_URL + "?spotify=not_linked",
                response.getHeaders().get("Location"));
        assertEquals(0, harness.unlinkCalls());
    }

    @Test
    void afterUnlinkingNoChangeIsPushedAnyMore() {
        harness.invoke(formPost(ADA).build(), context);
        harness.setEntitlements(ADA, Set.of("premium"));

        assertEquals(
                new SyncOutcome.NotLinked(), harness.wiring.entitlementSync().sync(ADA));
        assertEquals(0, harness.spotify.calls("replace-entitlements").size());
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
                "none, cross-site",
                "none, same-site",
                "none, none"
            })
    void aPostNotFromThePartnersOwnPagesIsRefusedWith403(String origin, String secFetchSite) {
        HttpEvents request = HttpEvents.post("/unlink")
                .header("accept", "text/html")
                .cookie("partner_session", harness.sessionFor(ADA))
                .form(Map.of("confirm", "unlink"));
        if (origin != null) {
            request.header("origin", origin);
        }
        if (secFetchSite != null) {
            request.header("sec-fetch-site", secFetchSite);
        }

        APIGatewayV2HTTPResponse response = harness.invoke(request.build(), context);

        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().contains("csrf_rejected"), response.getBody());
        assertEquals(LinkStatus.LINKED, harness.link(ADA).orElseThrow().status());
        assertEquals(0, harness.unlinkCalls());
    }

    @Test
    void withoutAnOriginTheBrowsersSameOriginMarkIsEnough() {
        APIGatewayV2HTTPResponse response = harness.invoke(
                HttpEvents.post("/unlink")
                        .header("sec-fetch-site", "same-origin")
                        .cookie("partner_session", harness.sessionFor(ADA))
                        .form(Map.of())
                        .build(),
                context);

        assertEquals(303, response.getStatusCode());
    }

    @Test
    void aForeignOriginGetsAJsonErrorWhenItAsksForJson() {
        APIGatewayV2HTTPResponse response = harness.invoke(
                post("https://attacker.example", "application/json", harness.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().startsWith("{\"error\":\"csrf_rejected\""), response.getBody());
    }

    @Test
    void noSessionOrAForgedOneIs401() {
        APIGatewayV2HTTPResponse none = harness.invoke(
                HttpEvents.post("/unlink")
                        .header("origin", UnlinkHarness.PARTNER_SITE)
                        .form(Map.of())
                        .build(),
                context);
        String forged = harness.sessionFor(ADA);
        APIGatewayV2HTTPResponse tampered = harness.invoke(
                post(UnlinkHarness.PARTNER_SITE, "text/html", forged.substring(0, forged.length() - 4) + "AAAA")
                        .build(),
                context);

        for (APIGatewayV2HTTPResponse response : List.of(none, tampered)) {
            assertEquals(401, response.getStatusCode());
            assertTrue(response.getBody().contains("session_required"), response.getBody());
        }
        assertEquals(LinkStatus.LINKED, harness.link(ADA).orElseThrow().status());
    }

    @Test
    void aGetIs405() {
        APIGatewayV2HTTPResponse response = harness.invoke(
                HttpEvents.get("/unlink")
                        .cookie("partner_session", harness.sessionFor(ADA))
                        .build(),
                context);

        assertEquals(405, response.getStatusCode());
        assertTrue(response.getBody().contains("method_not_allowed"), response.getBody());
        assertEquals(LinkStatus.LINKED, harness.link(ADA).orElseThrow().status());
    }

    @Test
    void spotifyDownIsA503AndTheLinkStays() {
        harness.spotify.faults().inject("unlink-user", Fault.status(503));

        APIGatewayV2HTTPResponse response = harness.invoke(formPost(ADA).build(), context);

        assertEquals(503, response.getStatusCode());
        assertTrue(response.getBody().contains("spotify_unavailable"), response.getBody());
        assertEquals(LinkStatus.LINKED, harness.link(ADA).orElseThrow().status());
    }

    @Test
    void aClientNotAllowListedForUnlinkingShowsA502AndTellsTheOperatorWhy() {
        EmulatorConfig withoutUnlink = EmulatorConfig.defaults()
                .withClient(EmulatorConfig.localClient().withoutScope(Scopes.UNLINK));
        try (SpotifyEmulator restricted = SpotifyEmulator.start(withoutUnlink, 0);
                UnlinkHarness restrictedHarness = UnlinkHarness.start(restricted)) {
            restrictedHarness.link(ADA, "ada", Set.of("basic"));
            TestContext logged = TestContext.create();

            APIGatewayV2HTTPResponse response = restrictedHarness.invoke(
                    HttpEvents.post("/unlink")
                            .header("origin", UnlinkHarness.PARTNER_SITE)
                            .header("accept", "text/html")
                            .cookie("partner_session", restrictedHarness.sessionFor(ADA))
                            .form(Map.of())
                            .build(),
                    logged);

            assertEquals(502, response.getStatusCode());
            assertTrue(response.getBody().contains("unlink_not_allowed"), response.getBody());
            assertEquals(
                    LinkStatus.LINKED, restrictedHarness.link(ADA).orElseThrow().status());
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
        String session = harness.sessionFor(ADA);
        TestContext logged = TestContext.create();

        APIGatewayV2HTTPResponse ok = harness.invoke(
                post(UnlinkHarness.PARTNER_SITE, "text/html", session).build(), logged);
        APIGatewayV2HTTPResponse refused = harness.invoke(
                post("https://attacker.example", "text/html", session).build(), logged);

        for (String text : List.of(logged.logs(), String.valueOf(ok.getBody()), refused.getBody())) {
            assertFalse(text.contains(session));
            assertFalse(text.contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
        }
        assertEquals(2, logged.loggedLines().size(), "one line per request");
    }

    @Test
    void primingRunsTheRefusalsWithoutCallingSpotifyOrUnlinkingAnyone() {
        harness.function.beforeCheckpoint(null);

        assertEquals(List.of(), harness.spotify.calls());
        assertEquals(LinkStatus.LINKED, harness.link(ADA).orElseThrow().status());
    }
}
