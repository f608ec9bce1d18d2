package org.openaccess.partner.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.partner.local.gateway.LocalGateway;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.Ports;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The demo partner site over HTTP, with its tables created from template.yaml in dynalite. */
@Tag("integration")
class DemoSiteTest {

    private static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    private static final String DEFAULT_ID = "LocalDemoPartner000001";
    private static final String NIGHT_OWLS_ID = "NightOwlsPartner000001";
    private static LocalGateway gateway;
    private static Map<String, String> tables;
    private static URI origin;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startSite() {
        Dynalite dynalite = Dynalite.shared();
        tables = TemplateTables.fromRepository()
                .createAll(
                        dynalite.client(), "demo" + UUID.randomUUID().toString().substring(0, 8));
        int port = Ports.free();
        origin = URI.create("http://127.0.0.1:" + port);
        DemoSite site = new DemoSite(
                dynalite.client(),
                tables.get("EntitlementsTable"),
                tables.get("LinksTable"),
                SESSION_KEY,
                "partner_session",
                origin,
                URI.create("http://127.0.0.1:8090"),
                List.of(
                        DemoPartner.defaultPartner(
                                "LocalDemoPartner000001",
                                "Local Demo Partner",
                                DemoSite.TIERS,
                                List.of(new DemoShow("LunarPremiumShow000002", "Lunar Deep Dives", "premium"))),
                        DemoPartner.creator(
                                "night-owls",
                                NIGHT_OWLS_ID,
                                "Night Owls Radio",
                                List.of("supporter", "patron"),
                                List.of(new DemoShow("NightOwlsPatronOnly002", "Night Owls After Hours", "patron")))));
        gateway =
                LocalGateway.start(port, List.of(), Map.of(DemoSite.PREFIX, site), Optional.of(DemoSite.ACCOUNT_PATH));
    }

    @AfterAll
    static void stopSite() {
        gateway.close();
    }

    @Test
    void logInSetsASignedSessionCookieTheFunctionsCanVerify() throws Exception {
        HttpResponse<String> response = post("/demo/login", "user=grace", null);

        assertEquals(303, response.statusCode());
        assertEquals("/demo/account", location(response));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("partner_session="));
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        String jwt = cookie.substring("partner_session=".length(), cookie.indexOf(';'));
        Claims claims = Jwts.parser()
                .verifyWith(Keys.hmacShaKeyFor(SESSION_KEY.getBytes(StandardCharsets.UTF_8)))
                .build()
                .parseSignedClaims(jwt)
                .getPayload();
        assertEquals("grace", claims.getSubject());
        assertNotNull(claims.getExpiration());
    }

    @Test
    void logInReturnsOnlyToThisSitesEntrypoint() throws Exception {
        assertEquals(
                "/link?spotifyShowUri=spotify%3Ashow%3Aabc",
                location(post(
                        "/demo/login", "user=ada&return=" + enc("/link?spotifyShowUri=spotify%3Ashow%3Aabc"), null)));
        assertEquals("/link", location(post("/demo/login", "user=ada&return=" + enc(origin + "/link"), null)));
        assertEquals(
                "/demo/account",
                location(post("/demo/login", "user=ada&return=" + enc("https://evil.example/link"), null)));
        assertEquals(
                "/demo/account", location(post("/demo/login", "user=ada&return=" + enc("//evil.example/link"), null)));
        assertEquals("/demo/account", location(post("/demo/login", "user=ada&return=" + enc("/demo/../admin"), null)));
    }

    /** Each kind of return a header cannot carry: before, CR/LF/U+2028 dropped the connection, NUL and tab passed. */
    static Stream<Arguments> returnsAHeaderCannotCarry() {
        return Stream.of(
                Arguments.of("CR", "/link?a=1\rSet-Cookie: x=1"),
                Arguments.of("LF", "/link?a=1\nSet-Cookie: x=1"),
                Arguments.of("CRLF", "/link?a=1\r\nSet-Cookie: x=1"),
                Arguments.of("U+2028", "/link?a=1\u2028b"),
                Arguments.of("NUL", "/link?a=1\0b"),
                Arguments.of("tab", "/link?a=1\tb"),
                Arguments.of("space", "/link?a=1 b"),
                Arguments.of("backslash", "/link\\evil.example"),
                Arguments.of("quote", "/link?a=\"b"),
                Arguments.of("dot segment", "/link/../demo/account"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("returnsAHeaderCannotCarry")
    void aReturnAHeaderCannotCarryGetsAnAnswerThatGoesToTheAccountPage(String kind, String value) throws Exception {
        HttpResponse<String> loggedIn = post("/demo/login", "user=ada&return=" + enc(value), null);
        assertEquals(303, loggedIn.statusCode(), kind);
        assertEquals("/demo/account", location(loggedIn), kind);
        assertTrue(loggedIn.headers().firstValue("Set-Cookie").isPresent(), kind);

        HttpResponse<String> page = get("/demo/login?return=" + enc(value), null);
        assertEquals(200, page.statusCode(), kind);
        assertTrue(page.body().contains("name=\"return\" value=\"/demo/account\""), kind + ": " + page.body());
    }

    @Test
    void everyKindOfDemoAnswerCarriesTheSecurityHeaders() throws Exception {
        String session = logIn("grace");
        Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
        pages.put("login page", get("/demo/login", null));
        pages.put("account page with the Unlink form", get("/demo/account", session));
        pages.put("404 page", get("/demo/nothing-here", null));
        pages.put("400 page", post("/demo/login", "user=mallory", null));
        for (Map.Entry<String, HttpResponse<String>> page : pages.entrySet()) {
            HttpResponse<String> response = page.getValue();
            String csp =
                    response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), page.getKey());
            Matcher style =
                    Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(response.body());
            assertTrue(style.find(), page.getKey());
            String hash = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
            assertTrue(csp.contains("style-src 'sha256-" + hash + "'"), page.getKey() + ": " + csp);
            assertFalse(
                    response.body().contains(" style=\""),
                    page.getKey() + ": an inline style attribute the CSP blocks");
            assertEquals(Optional.of("DENY"), response.headers().firstValue("X-Frame-Options"), page.getKey());
            assertCommonHeaders(page.getKey(), response);
        }
        assertCommonHeaders("redirect", post("/demo/login", "user=ada", null));
    }

    private static void assertCommonHeaders(String kind, HttpResponse<String> response) {
        assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"), kind);
        assertEquals(Optional.of("same-origin"), response.headers().firstValue("Referrer-Policy"), kind);
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"), kind);
    }

    @Test
    void theLoginPageCarriesTheReturnAddress() throws Exception {
        HttpResponse<String> page = get("/demo/login?return=" + enc("/link?spotifyShowUri=x"), null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"return\" value=\"/link?spotifyShowUri=x\""), page.body());
        assertTrue(page.body().contains("<option value=\"ada\">Ada Lovelace</option>"));
    }

    @Test
    void anUnknownUserIsAClear400Page() throws Exception {
        HttpResponse<String> response = post("/demo/login", "user=mallory", null);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("id=\"error-code\">unknown_user<"));
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void theAccountPageNeedsALoginAndShowsMembershipLinkStateAndShows() throws Exception {
        assertEquals("/demo/login", location(get("/demo/account", null)));
        assertEquals("/demo/login", location(get("/demo/account", "partner_session=not-a-jwt")));

        String session = logIn("alan");
        Dynalite.shared()
                .client()
                .putItem(b -> b.tableName(tables.get("LinksTable"))
                        .item(Map.of(
                                "userId",
                                AttributeValue.fromS("alan"),
                                "partnerId",
                                AttributeValue.fromS("LocalDemoPartner000001"),
                                "status",
                                AttributeValue.fromS("LINKED"))));
        HttpResponse<String> page = get("/demo/account", session);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"user-name\">Alan Turing<"));
        assertTrue(page.body().contains("data-status=\"LINKED\">Linked to Spotify<"));
        assertTrue(
                page.body()
                        .contains(
                                "href=\"http://127.0.0.1:8090/link/LocalDemoPartner000001?spotifyShowUri=spotify%3Ashow%3ALunarPremiumShow000002\""));
        assertTrue(page.body().contains("action=\"/unlink\""));
    }

    @Test
    void savingTheMembershipWritesTheEntitlementsTable() throws Exception {
        String session = logIn("ada");
        assertEquals("/demo/account", location(post("/demo/membership", "tier=basic&tier=premium", session)));
        Map<String, AttributeValue> item = entitlementsItem("ada");
        assertEquals(
                List.of("basic", "premium"),
                item.get("entitlements").ss().stream().sorted().toList());
        assertTrue(Long.parseLong(item.get("updatedAt").n()) > 0);
        assertTrue(get("/demo/account", session).body().contains("id=\"tier-premium\" value=\"premium\" checked"));

        post("/demo/membership", "", session);
        assertFalse(entitlementsItem("ada").containsKey("entitlements"), "no tiers: the attribute is absent");
    }

    @Test
    void eachPartnerHasItsOwnTiersLinkAndUnlinkAndItsOwnMembershipItem() throws Exception {
        String session = logIn("grace");
        Dynalite.shared()
                .client()
                .putItem(b -> b.tableName(tables.get("LinksTable"))
                        .item(Map.of(
                                "userId", AttributeValue.fromS("grace"),
                                "partnerId", AttributeValue.fromS(NIGHT_OWLS_ID),
                                "status", AttributeValue.fromS("LINKED"))));

        assertEquals("/demo/account", location(post("/demo/membership", "partner=night-owls&tier=patron", session)));

        assertEquals(
                List.of("patron"),
                entitlementsItem("grace", NIGHT_OWLS_ID).get("entitlements").ss());
        assertTrue(entitlementsItem("grace").isEmpty(), "the default partner's membership is another item");
        String page = get("/demo/account", session).body();
        assertTrue(page.contains("id=\"tier-night-owls-patron\" value=\"patron\" checked"), page);
        assertTrue(page.contains("id=\"current-tiers-night-owls\">patron<"), page);
        assertTrue(page.contains("id=\"current-tiers\">none<"), page);
        assertTrue(page.contains("id=\"link-state-night-owls\" data-status=\"LINKED\""), page);
        assertTrue(page.contains("id=\"link-state\" data-status=\"NONE\""), page);
        assertTrue(page.contains("id=\"link-spotify-night-owls\" href=\"/link/night-owls\""), page);
        assertTrue(page.contains("action=\"/unlink/night-owls\""), page);
        assertTrue(page.contains("id=\"link-spotify\" href=\"/link\""), page);
    }

    @Test
    void aTierOfAnotherPartnerOrAnUnknownPartnerIsRejectedAndNothingIsWritten() throws Exception {
        String session = logIn("alan");
        HttpResponse<String> otherPartners = post("/demo/membership", "partner=night-owls&tier=premium", session);
        assertEquals(400, otherPartners.statusCode());
        assertTrue(otherPartners.body().contains("id=\"error-code\">unknown_tier<"), otherPartners.body());

        HttpResponse<String> unknown = post("/demo/membership", "partner=nobody-here&tier=basic", session);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("id=\"error-code\">unknown_partner<"), unknown.body());
        assertTrue(entitlementsItem("alan", NIGHT_OWLS_ID).isEmpty());
        assertTrue(entitlementsItem("alan").isEmpty());
    }

    @Test
    void anUnknownTierIsRejectedAndNothingIsWritten() throws Exception {
        String session = logIn("grace");
        post("/demo/membership", "tier=basic", session);
        HttpResponse<String> response = post("/demo/membership", "tier=platinum", session);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains(">unknown_tier<"));
        assertEquals(
                List.of("basic"), entitlementsItem("grace").get("entitlements").ss());
    }

    @Test
    void aFormFromAnotherOriginOrWithoutASessionIsRefused() throws Exception {
        String session = logIn("ada");
        HttpResponse<String> crossSite = postFrom("https://evil.example", "/demo/membership", "tier=premium", session);
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.body().contains(">cross_origin<"));

        HttpResponse<String> anonymous = post("/demo/membership", "tier=premium", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains(">not_logged_in<"));
    }

    @Test
    void anUnknownPageIsA404Page() throws Exception {
        HttpResponse<String> response = get("/demo/nothing-here", null);
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains(">not_found<"));
    }

    private String logIn(String user) throws Exception {
        String cookie = post("/demo/login", "user=" + user, null)
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private Map<String, AttributeValue> entitlementsItem(String user) {
        return entitlementsItem(user, DEFAULT_ID);
    }

    private Map<String, AttributeValue> entitlementsItem(String user, String partnerId) {
        return Dynalite.shared()
                .client()
                .getItem(b -> b.tableName(tables.get("EntitlementsTable"))
                        .consistentRead(true)
                        .key(Map.of(
                                "userId", AttributeValue.fromS(user), "partnerId", AttributeValue.fromS(partnerId))))
                .item();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post from the site's own pages. */
    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        return postFrom(origin.toString(), path, form, cookie);
    }

    /** A form post from a page of {@code pageOrigin}, as the browser's Origin header says. */
    private HttpResponse<String> postFrom(String pageOrigin, String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", pageOrigin)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(none)");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
