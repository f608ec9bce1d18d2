package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEventsTest {

    private static final String SHOW = "spotify:show:5CfCWKI5pZ28U0uOzXkDHe";

    @Test
    void buildsAGetAsApiGatewayDoes() {
        Instant at = Instant.parse("2026-11-26T15:04:05Z");
        APIGatewayV2HTTPEvent event = HttpEvents.get("/link")
                .query("spotifyShowUri", SHOW)
                .cookie("partner_session", "eyJhbGciOiJIUzI1NiJ9.e30.sig")
                .header("Origin", "https://partner.example")
                .time(at)
                .build();

        assertEquals("2.0", event.getVersion());
        assertEquals("GET /link", event.getRouteKey());
        assertEquals("/link", event.getRawPath());
        assertEquals("spotifyShowUri=spotify%3Ashow%3A5CfCWKI5pZ28U0uOzXkDHe", event.getRawQueryString());
        assertEquals(Map.of("spotifyShowUri", SHOW), event.getQueryStringParameters());
        assertEquals(List.of("partner_session=eyJhbGciOiJIUzI1NiJ9.e30.sig"), event.getCookies());
        assertEquals("https://partner.example", event.getHeaders().get("origin"));
        assertFalse(event.getHeaders().containsKey("cookie"), "API Gateway moves cookies out of the headers");
        assertTrue(event.getHeaders().keySet().stream().allMatch(h -> h.equals(h.toLowerCase())));
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("GET", context.getHttp().getMethod());
        assertEquals("/link", context.getHttp().getPath());
        assertEquals("$default", context.getStage());
        assertEquals("GET /link", context.getRouteKey());
        assertEquals(at.toEpochMilli(), context.getTimeEpoch());
        assertEquals("26/Nov/2026:15:04:05 +0000", context.getTime());
        assertEquals(context.getHttp().getSourceIp(), event.getHeaders().get("x-forwarded-for"));
        assertEquals(context.getHttp().getUserAgent(), event.getHeaders().get("user-agent"));
        assertFalse(context.getRequestId().isEmpty());
    }

    @Test
    void joinsRepeatedParametersButKeepsTheRawQuery() {
        APIGatewayV2HTTPEvent event = HttpEvents.get("/callback")
                .query("code", "a b")
                .query("code", "c&d")
                .build();

        assertEquals("code=a%20b&code=c%26d", event.getRawQueryString());
        assertEquals(Map.of("code", "a b,c&d"), event.getQueryStringParameters());
    }

    @Test
    void takesARawQueryAsSentEvenWhenMalformed() {
        APIGatewayV2HTTPEvent event =
                HttpEvents.get("/callback").rawQuery("state=%ZZ&error").build();

        assertEquals("state=%ZZ&error", event.getRawQueryString());
        assertEquals("%ZZ", event.getQueryStringParameters().get("state"));
        assertEquals("", event.getQueryStringParameters().get("error"));
    }

    @Test
    void leavesQueryAndCookiesOutWhenThereAreNone() {
        APIGatewayV2HTTPEvent event = HttpEvents.get("/link").build();

        assertEquals("", event.getRawQueryString());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getCookies());
    }

    @Test
    void splitsACookieHeaderIntoTheCookiesArray() {
        APIGatewayV2HTTPEvent event = HttpEvents.get("/callback")
                .header("Cookie", "__Host-link_binding=abc; partner_session=xyz")
                .build();

        assertEquals(List.of("__Host-link_binding=abc", "partner_session=xyz"), event.getCookies());
        assertFalse(event.getHeaders().containsKey("cookie"));
    }

    @Test
    void joinsRepeatedHeadersWithCommas() {
        APIGatewayV2HTTPEvent event = HttpEvents.get("/link")
                .header("Accept", "text/html")
                .header("accept", "*/*")
                .build();

        assertEquals("text/html,*/*", event.getHeaders().get("accept"));
    }

    @Test
    void postsAFormBase64EncodedAsHttpApisDo() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", "t 1");
        fields.put("return", "/account");
        APIGatewayV2HTTPEvent event = HttpEvents.post("/unlink")
                .header("Origin", "http://127.0.0.1:3000")
                .form(fields)
                .build();

        assertEquals("POST /unlink", event.getRouteKey());
        assertTrue(event.getIsBase64Encoded());
        assertEquals(
                "csrf=t%201&return=%2Faccount",
                new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8));
        assertEquals("application/x-www-form-urlencoded", event.getHeaders().get("content-type"));
        assertEquals("28", event.getHeaders().get("content-length"));
    }

    @Test
    void sendsAJsonBodyAsText() {
        APIGatewayV2HTTPEvent event = HttpEvents.post("/unlink")
                .header("content-type", "application/json")
                .body("{\"a\":1}")
                .build();

        assertFalse(event.getIsBase64Encoded());
        assertEquals("{\"a\":1}", event.getBody());
        assertEquals("7", event.getHeaders().get("content-length"));
    }

    @Test
    void survivesARoundTripThroughTheLambdaSerialization() {
        APIGatewayV2HTTPEvent event = HttpEvents.get("/link")
                .query("spotifyShowUri", SHOW)
                .cookie("partner_session", "jwt")
                .header("x-custom", "1")
                .build();

        APIGatewayV2HTTPEvent copy = LambdaEvents.fromJson(LambdaEvents.toJson(event), APIGatewayV2HTTPEvent.class);

        assertEquals(event, copy);
        assertTrue(HttpEvents.get("/link").toJson().contains("\"rawPath\":\"/link\""));
    }

    @Test
    void honoursACustomRouteKeySourceIpAndRequestId() {
        APIGatewayV2HTTPEvent event = HttpEvents.request("delete", "/anything")
                .routeKey("$default")
                .sourceIp("198.51.100.7")
                .userAgent("curl/8")
                .requestId("req-1")
                .build();

        assertEquals("$default", event.getRouteKey());
        assertEquals("DELETE", event.getRequestContext().getHttp().getMethod());
        assertEquals("198.51.100.7", event.getRequestContext().getHttp().getSourceIp());
        assertEquals("curl/8", event.getHeaders().get("user-agent"));
        assertEquals("req-1", event.getRequestContext().getRequestId());
    }
}
