package org.openaccess.partner.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Spotify's side of the local stack, as the emulator's developer endpoints ({@code /_emulator/...}) report it. */
record SpotifySide(URI emulatorUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A developer endpoint's JSON, e.g. {@code /_emulator/state}. */
    JsonNode read(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(emulatorUrl + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "the emulator's " + path);
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the emulator's " + path, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the emulator's " + path, e);
        }
    }

    /** The user's link to that partner and its entitlements (sorted), if linked. */
    Optional<List<String>> link(String spotifyUser, String partnerId) {
        for (JsonNode link : read("/_emulator/state").path("links")) {
            if (link.path("partnerId").asText().equals(partnerId)
                    && link.path("spotifyUserId").asText().equals(spotifyUser)) {
                List<String> entitlements = new ArrayList<>();
                link.path("entitlements").forEach(e -> entitlements.add(e.asText()));
                return Optional.of(entitlements.stream().sorted().toList());
            }
        }
        return Optional.empty();
    }
}
