package org.openaccess.partner.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.local.PortInUseException;
import org.openaccess.partner.testkit.Ports;

/** The local gateway against small handlers: the events they get and the HTTP answers their results become. */
class LocalGatewayTest {

    private static final AtomicReference<APIGatewayV2HTTPEvent> LAST_EVENT = new AtomicReference<>();
    private static LocalGateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Records the event and answers with two cookies, a header and a base64 body. */
    static final class RecordingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(
                APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            LAST_EVENT.set(event);
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withHeaders(Map.of("Content-Type", "text/plain", "X-Function", context.getFunctionName()))
                    .withCookies(List.of("a=1; Path=/; HttpOnly", "b=2; Path=/"))
                    .withBody(Base64.getEncoder().encodeToString("binary ok".getBytes(StandardCharsets.UTF_8)))
                    .withIsBase64Encoded(true)
                    .build();
        }
    }

    static final class FailingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(
                APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            throw new IllegalStateException("secret-detail-that-must-not-leak");
        }
    }

    @BeforeAll
    static void startGateway() {
        RecordingHandler recording = new RecordingHandler();
        gateway = LocalGateway.start(
                Ports.free(),
                List.of(
                        new HttpRoute("GET", "/link", "LinkFunction", recording, Duration.ofSeconds(15)),
                        new HttpRoute("POST", "/unlink", "UnlinkFunction", recording, Duration.ofSeconds(15)),
                        new HttpRoute("GET", "/shows/{showId}", "ShowFunction", recording, Duration.ofSeconds(15)),
                        new HttpRoute(
                                "GET", "/broken", "BrokenFunction", new FailingHandler(), Duration.ofSeconds(15))),
                Map.of(),
                Optional.of("/demo/account"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void aGetBecomesThePayload2EventApiGatewayBuilds() throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve("/link?spotifyShowUri=spotify%3Ashow%3Aabc&x=1&x=2"))
                        .header("Cookie", "partner_session=jwt-value; other=2")
                        .header("X-Custom-Header", "Hello")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        APIGatewayV2HTTPEvent event = LAST_EVENT.get();
        assertEquals(201, response.statusCode());
        assertEquals("2.0", event.getVersion());
        assertEquals("GET /link", event.getRouteKey());
        assertEquals("/link", event.getRawPath());
        assertEquals("spotifyShowUri=spotify%3Ashow%3Aabc&x=1&x=2", event.getRawQueryString());
        assertEquals("spotify:show:abc", event.getQueryStringParameters().get("spotifyShowUri"));
        assertEquals("1,2", event.getQueryStringParameters().get("x"));
        assertEquals(List.of("partner_session=jwt-value", "other=2"), event.getCookies());
        assertEquals("Hello", event.getHeaders().get("x-custom-header"));
        assertFalse(event.getHeaders().containsKey("cookie"), "cookies travel in their own array");
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals("/link", event.getRequestContext().getHttp().getPath());
        assertEquals("127.0.0.1", event.getRequestContext().getHttp().getSourceIp());
        assertEquals("$default", event.getRequestContext().getStage());
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getBody());
    }

    @Test
    void theResultBecomesStatusHeadersSetCookiesAndDecodedBody() throws Exception {
        HttpResponse<String> response = get("/link");

        assertEquals(201, response.statusCode());
        assertEquals("binary ok", response.body());
        assertEquals("LinkFunction", response.headers().firstValue("X-Function").orElseThrow());
        assertEquals(
                List.of("a=1; Path=/; HttpOnly", "b=2; Path=/"),
                response.headers().allValues("Set-Cookie"));
    }

    @Test
    void aFormPostArrivesBase64EncodedAndJsonAsIs() throws Exception {
        http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve("/unlink"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "http://127.0.0.1:3000")
                        .POST(HttpRequest.BodyPublishers.ofString("confirm=yes"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        APIGatewayV2HTTPEvent form = LAST_EVENT.get();
        assertTrue(form.getIsBase64Encoded());
        assertEquals("confirm=yes", new String(Base64.getDecoder().decode(form.getBody()), StandardCharsets.UTF_8));
        assertEquals("POST /unlink", form.getRouteKey());
        assertEquals("http://127.0.0.1:3000", form.getHeaders().get("origin"));

        http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve("/unlink"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(LAST_EVENT.get().getIsBase64Encoded());
        assertEquals("{\"a\":1}", LAST_EVENT.get().getBody());
    }

    @Test
    void pathParametersAreFilledFromTheRoute() throws Exception {
        get("/shows/abc123");
        assertEquals(Map.of("showId", "abc123"), LAST_EVENT.get().getPathParameters());
        assertEquals("GET /shows/{showId}", LAST_EVENT.get().getRouteKey());
    }

    @Test
    void anUnknownRouteOrMethodIsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> unknown = get("/nope");
        HttpResponse<String> wrongMethod = http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve("/link"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknown.body());
        assertEquals(404, wrongMethod.statusCode());
    }

    @Test
    void aBodyOverApiGatewaysLimitIs413WithoutInvokingTheFunction() throws Exception {
        LAST_EVENT.set(null);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve("/unlink"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiGatewayFront.MAX_PAYLOAD_BYTES + 1]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", response.body());
        assertNull(LAST_EVENT.get());
    }

    /** API Gateway: request line and header values together at most 10240 bytes (a size the JDK alone accepts). */
    @Test
    void aRequestLineOrHeaderOverApiGatewaysLimitIs431WithoutInvokingTheFunction() throws Exception {
        LAST_EVENT.set(null);
        int port = gateway.baseUrl().getPort();
        RawHttp longQuery = RawHttp.exchange(port, RawHttp.get("/link?q=" + "a".repeat(20_000)));
        RawHttp longHeader = RawHttp.exchange(port, RawHttp.get("/link", "X-Big: " + "a".repeat(20_000)));
        assertNull(LAST_EVENT.get());
        RawHttp justUnder = RawHttp.exchange(port, RawHttp.get("/link", "X-Big: " + "a".repeat(9_000)));

        for (RawHttp refused : List.of(longQuery, longHeader)) {
            assertEquals(431, refused.status(), refused.toString());
            assertEquals("{\"message\":\"Request Header Fields Too Large\"}", refused.body());
            assertEquals("application/json", refused.header("Content-Type"));
            assertEquals("close", refused.header("Connection"));
        }
        assertEquals(201, justUnder.status(), justUnder.toString());
    }

    @Test
    void aMalformedChunkedBodyIs400WithoutInvokingTheFunction() throws Exception {
        LAST_EVENT.set(null);
        RawHttp answer = RawHttp.exchange(
                gateway.baseUrl().getPort(),
                "POST /unlink HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: text/plain\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("{\"message\":\"Bad Request\"}", answer.body());
        assertNull(LAST_EVENT.get());
    }

    @Test
    void aWellFormedChunkedBodyReachesTheFunction() throws Exception {
        RawHttp answer = RawHttp.exchange(
                gateway.baseUrl().getPort(),
                "POST /unlink HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: text/plain\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertEquals(201, answer.status(), answer.toString());
        assertEquals("abc", LAST_EVENT.get().getBody());
        assertEquals("close", answer.header("Connection"));
    }

    @Test
    void theRootRedirectsToTheDemoSite() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertEquals("/demo/account", root.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aFailingFunctionGivesApiGatewaysErrorWithoutItsDetails() throws Exception {
        HttpResponse<String> response = get("/broken");
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
        assertFalse(response.body().contains("secret-detail"));
    }

    @Test
    void aTakenPortIsReportedWithItsSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortInUseException error = assertThrows(
                    PortInUseException.class,
                    () -> LocalGateway.start(taken.getLocalPort(), List.of(), Map.of(), Optional.empty()));
            assertTrue(
                    error.getMessage().contains("Port " + taken.getLocalPort() + " (LOCAL_API_PORT) is already in use"),
                    error.getMessage());
        }
    }

    @Test
    void routesMatchWholePathsOnly() {
        HttpRoute route = new HttpRoute("GET", "/link", "F", null, Duration.ofSeconds(1));
        assertTrue(route.match("GET", "/link").isPresent());
        assertTrue(route.match("GET", "/link/extra").isEmpty());
        assertTrue(route.match("GET", "/linked").isEmpty());
        HttpRoute greedy = new HttpRoute("ANY", "/files/{path+}", "F", null, Duration.ofSeconds(1));
        assertEquals(
                Map.of("path", "a/b/c"), greedy.match("DELETE", "/files/a/b/c").orElseThrow());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
