package org.openaccess.partner.coldstart.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay passes requests through unchanged and counts the connections opened through it, by time. */
class ConnectionCountingProxyTest {

    private HttpServer backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = ("you asked for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    @Test
    void requestsThroughTheRelayReachTheBackendAndEachNewConnectionIsCounted() throws Exception {
        URI backendUri = URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/api/v1");
        try (ConnectionCountingProxy proxy = ConnectionCountingProxy.to(backendUri)) {
            URI relayed = proxy.relayFor(backendUri);
            long before = System.nanoTime();

            for (int client = 0; client < 2; client++) {
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(relayed + "/users")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals("you asked for /api/v1/users", response.body());
                }
            }
            long after = System.nanoTime();

            assertEquals("/api/v1", relayed.getPath());
            assertEquals(2, proxy.connectionsBetween(before, after));
            assertEquals(0, proxy.connectionsBetween(0, before));
        }
    }
}
