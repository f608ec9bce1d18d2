package org.openaccess.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;

/** The extension as other modules use it: one emulator per class, clean state and no faults per test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpotifyEmulatorExtensionTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(EmulatorConfig.defaults());

    static URI firstBaseUrl;

    @Test
    @Order(1)
    void firstTestLeavesALinkAndAFaultBehind() throws Exception {
        firstBaseUrl = spotify.baseUrl();
        assertThat(spotify.emulator()
                        .addLink(EmulatorConfig.LOCAL_PARTNER_ID, "0123456789abcdef", "ada", List.of("basic")))
                .isTrue();
        spotify.emulator().faults().inject("token", Fault.status(503));

        assertThat(status(spotify.accountsUrl().resolve("/api/token"))).isEqualTo(503);
    }

    @Test
    @Order(2)
    void theNextTestStartsCleanOnTheSameEmulator() throws Exception {
        assertThat(spotify.baseUrl()).isEqualTo(firstBaseUrl);
        assertThat(spotify.emulator().links()).isEmpty();
        assertThat(spotify.emulator().calls()).isEmpty();
        assertThat(status(spotify.accountsUrl().resolve("/api/token"))).isEqualTo(400);
    }

    @Test
    @Order(3)
    void urlsPointAtTheRunningEmulator() {
        assertThat(spotify.baseUrl().toString()).startsWith("http://127.0.0.1:");
        assertThat(spotify.openAccessUrl()).isEqualTo(URI.create(spotify.baseUrl() + "/api/v1"));
        assertThat(spotify.accountsUrl()).isEqualTo(spotify.baseUrl());
    }

    private static int status(URI tokenUrl) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
