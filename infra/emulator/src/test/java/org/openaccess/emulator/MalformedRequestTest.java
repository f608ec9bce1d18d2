package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** Whatever arrives, the answer is a 4xx with a readable body: never a 5xx, never a stack trace. */
class MalformedRequestTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    private static void assertClearRefusal(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body())
                .contains(code)
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("at java.");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJwsWhosePayloadIsNotJson() {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String body = SpotifyCaller.signJson(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"partner_id\": ", SpotifyCaller.SECRET);

        assertClearRefusal(
                spotify.openAccess("replace-entitlements", spotify.entitlementsToken(), body), 400, "malformed_jws");
        assertClearRefusal(
                spotify.openAccess(
                        "replace-entitlements", spotify.entitlementsToken(), header + "." + b64("[1,2]") + ".c2ln"),
                400,
                "malformed_jws");
        assertClearRefusal(
                spotify.openAccess(
                        "replace-entitlements", spotify.entitlementsToken(), header + "." + b64("{} {}") + ".c2ln"),
                400,
                "malformed_jws");
    }

    @Test
    void aHeaderThatIsNotJson() {
        assertClearRefusal(
                spotify.openAccess(
                        "replace-entitlements", spotify.entitlementsToken(), b64("HS256") + "." + b64("{}") + ".c2ln"),
                400,
                "malformed_jws");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 40, 60, 100})
    void aTruncatedJws(int keep) {
        String full =
                SpotifyCaller.sign(SpotifyCaller.payload("0123456789abcdef", List.of("basic")), SpotifyCaller.SECRET);

        HttpResponse<String> response =
                spotify.openAccess("replace-entitlements", spotify.entitlementsToken(), full.substring(0, keep));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isIn("malformed_jws", "unsupported_jws_algorithm");
    }

    @Test
    void aSignatureCutShortIsInvalid() {
        String full =
                SpotifyCaller.sign(SpotifyCaller.payload("0123456789abcdef", List.of("basic")), SpotifyCaller.SECRET);

        assertClearRefusal(
                spotify.openAccess(
                        "replace-entitlements", spotify.entitlementsToken(), full.substring(0, full.length() - 5)),
                400,
                "invalid_signature");
    }

    @Test
    void paddedOrNonBase64UrlPartsAreMalformed() {
        String full = SpotifyCaller.sign(SpotifyCaller.payload("0123456789abcdef", List.of()), SpotifyCaller.SECRET);

        assertClearRefusal(
                spotify.openAccess("replace-entitlements", spotify.entitlementsToken(), full + "="),
                400,
                "malformed_jws");
        assertClearRefusal(
                spotify.openAccess(
                        "replace-entitlements", spotify.entitlementsToken(), full.replaceFirst("\\.", ".+/")),
                400,
                "malformed_jws");
    }

    @Test
    void anEmptyBody() {
        assertClearRefusal(
                spotify.openAccess("replace-entitlements", spotify.entitlementsToken(), ""), 400, "malformed_jws");
    }

    @Test
    void aHugeBodyIs413() {
        HttpResponse<String> response =
                spotify.openAccess("replace-entitlements", spotify.entitlementsToken(), "a".repeat(2 * 1024 * 1024));
        assertClearRefusal(response, 413, "body_too_large");

        HttpResponse<String> tokenCall = spotify.postForm(
                "/api/token", java.util.Map.of("grant_type", "client_credentials", "padding", "x".repeat(200_000)));
        assertClearRefusal(tokenCall, 413, "body_too_large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void aWrongMethodIs405(String method) {
        HttpResponse<String> response = spotify.send(spotify.request("/api/v1/replace-entitlements")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());

        assertClearRefusal(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertClearRefusal(spotify.get("/api/token"), 405, "method_not_allowed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/api/v1/unknown",
                "/api/v1/register-user/extra",
                "/api/v1/upload-logo",
                "/api/v1/upload-logo/",
                "/api/v2/register-user",
                "/completion/",
                "/link/",
                "/_emulator/nothing"
            })
    void anUnknownPathIs404(String path) {
        assertClearRefusal(spotify.get(path), 404, "not_found");
    }

    @Test
    void browsersGetTheir404AsHtml() {
        HttpResponse<String> response = spotify.get("/nowhere", "Accept", "text/html,application/xhtml+xml");

        assertClearRefusal(response, 404, "not_found");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    }

    @Test
    void brokenPercentEncodingInTheTokenForm() {
        HttpResponse<String> response = spotify.rawToken("application/x-www-form-urlencoded", "grant_type=%zz", null);

        assertClearRefusal(response, 400, "invalid_request");
        assertThat(SpotifyCaller.json(response).get("error").asText()).isEqualTo("invalid_request");
    }

    /** An unparseable request line is refused by the JDK server itself, before any route: still a plain 400. */
    @Test
    void brokenPercentEncodingInTheRequestLine() throws IOException {
        String answer = raw("GET /authorize?client_id=%G1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("at java.").doesNotContain("at org.");
    }

    @Test
    void aRawRequestWithAnAbsurdPathStillGetsAnHttpAnswer() throws IOException {
        String answer = raw("POST /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404").contains("not_found").doesNotContain("Exception");
    }

    /** Sends bytes a well-behaved client library would refuse to send. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(
                EMULATOR.emulator().baseUrl().getHost(),
                EMULATOR.emulator().baseUrl().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void nothingMalformedWasAnswered5xx() {
        aJwsWhosePayloadIsNotJson();
        anEmptyBody();
        assertThat(EMULATOR.emulator().calls())
                .allSatisfy(call -> assertThat(call.status()).isLessThan(500));
    }
}
