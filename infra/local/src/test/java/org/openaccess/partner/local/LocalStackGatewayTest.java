package org.openaccess.partner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.local.gateway.RawHttp;

/**
 * The whole local stack's gateway answers as API Gateway's HTTP API does, over real sockets, with the real functions:
 * the function decides cross-origin posts (no Micronaut localhost filter in front), and oversized or malformed
 * requests get API Gateway's documented answers instead of a dropped connection.
 */
@Tag("integration")
class LocalStackGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStackProcess stack;
    private static int port;

    @BeforeAll
    static void start() {
        stack = LocalStackProcess.startOnFreePorts(Map.of());
        port = stack.apiUrl().getPort();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aCrossOriginUnlinkIsRefusedByTheFunctionWithItsDocumentedCode() throws Exception {
        RawHttp answer = RawHttp.exchange(
                port,
                "POST /unlink HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://evil.example\r\n"
                        + "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");

        assertEquals(403, answer.status(), answer + "\n" + stack.output());
        assertEquals("csrf_rejected", JSON.readTree(answer.body()).path("error").asText(), answer.toString());
    }

    @Test
    void aOneMegabyteQueryOrHeaderIs431() throws Exception {
        RawHttp query = RawHttp.exchange(port, RawHttp.get("/link?q=" + "a".repeat(1 << 20)));
        RawHttp header = RawHttp.exchange(port, RawHttp.get("/link", "X-Big: " + "a".repeat(1 << 20)));

        for (RawHttp answer : new RawHttp[] {query, header}) {
            assertEquals(431, answer.status(), answer.toString());
            assertEquals(
                    "Request Header Fields Too Large",
                    JSON.readTree(answer.body()).path("message").asText());
        }
    }

    @Test
    void twoHundredSmallHeadersReachTheFunctionAsOnApiGateway() throws Exception {
        String[] headers = new String[200];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Extra-" + i + ": " + i;
        }
        RawHttp answer = RawHttp.exchange(port, RawHttp.get("/link", headers));

        // What /link answers a visitor without a session: off to the partner's login, which comes back to /link.
        assertEquals(302, answer.status(), answer.toString());
        assertTrue(answer.header("Location").contains("/demo/login?return="), answer.head());
    }

    @Test
    void aMalformedChunkedBodyIs400() throws Exception {
        RawHttp answer = RawHttp.exchange(
                port,
                "POST /unlink HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("Bad Request", JSON.readTree(answer.body()).path("message").asText());
    }
}
