package org.openaccess.partner.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;

/**
 * What {@code ./admin --local} reaches, made of real parts: dynalite with the template's tables (a fresh partners table
 * per test) and an in-process Spotify emulator of its own (started for the class, reset before each test), named by
 * the same environment variables ./run-local reads. A test class registers it once: {@code @RegisterExtension static
 * final LocalFixture local = new LocalFixture();}.
 */
final class LocalFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String PUBLIC_BASE = "https://partners.example.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpotifyEmulatorExtension emulator = new SpotifyEmulatorExtension();
    final Map<String, String> env = new HashMap<>();
    PartnerRegistry registry;
    SpotifyEmulator spotify;

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator.beforeAll(context);
    }

    /** A reset emulator and a fresh partners table for each test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.beforeEach(context);
        spotify = emulator.emulator();
        Dynalite dynalite = Dynalite.shared();
        String table = TemplateTables.fromRepository()
                .createAll(dynalite.client(), UUID.randomUUID().toString().substring(0, 8))
                .get("PartnersTable");
        env.clear();
        env.put("LOCAL_DYNAMODB_PORT", Integer.toString(dynalite.endpoint().getPort()));
        env.put("PARTNERS_TABLE", table);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        // Spotify takes only https Entrypoint URLs, and so does the emulator.
        env.put("PUBLIC_BASE_URL", PUBLIC_BASE);
        registry = new DynamoPartnerRegistry(dynalite.client(), table, Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.afterAll(context);
    }

    AdminRun admin(String... args) {
        return AdminRun.run(env, args);
    }

    /** The partner as Spotify (the emulator) knows it, from its developer state. */
    Optional<JsonNode> spotifyPartner(String partnerId) {
        for (JsonNode partner : state().path("partners")) {
            if (partnerId.equals(partner.path("id").asText())) {
                return Optional.of(partner);
            }
        }
        return Optional.empty();
    }

    int spotifyPartnerCount() {
        return state().path("partners").size();
    }

    int calls(String endpoint) {
        return spotify.calls(endpoint).size();
    }

    private JsonNode state() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(spotify.baseUrl() + "/_emulator/state"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The partner id printed by a successful create-partner. */
    static String printedPartnerId(AdminRun run) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("Spotify created partner ([0-9A-Za-z]+)")
                .matcher(run.out());
        if (!matcher.find()) {
            throw new AssertionError("no partner id printed: " + run);
        }
        return matcher.group(1);
    }
}
