package org.openaccess.partner.coldstart.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The relay passes requests through unchanged, counts the connections opened through it and times the waits. */
class ConnectionCountingProxyTest {

    private static final long SLOW_ANSWER_MILLIS = 150;

    private HttpServer backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/slow", exchange -> {
            sleep(SLOW_ANSWER_MILLIS);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
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
                try (HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(relayed + "/users"))
                                    .build(),
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

    @Test
    void theTimeSpentWaitingOnTheBackendsAnswersIsNotedPerRequest() throws Exception {
        URI backendUri = URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
        try (ConnectionCountingProxy proxy = ConnectionCountingProxy.to(backendUri);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            long before = System.nanoTime();
            for (int request = 0; request < 2; request++) {
                http.send(
                        HttpRequest.newBuilder(proxy.relayFor(URI.create(backendUri + "/slow")))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            long after = System.nanoTime();

            long waited = proxy.waitNanosBetween(before, after);
            // Two answers that each took the backend at least 150 ms; the rest of the time was the client's own.
            assertTrue(waited >= 2 * SLOW_ANSWER_MILLIS * 1_000_000, "waited " + waited / 1_000_000 + " ms");
            assertTrue(waited <= after - before);
            assertEquals(0, proxy.waitNanosBetween(0, before));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
