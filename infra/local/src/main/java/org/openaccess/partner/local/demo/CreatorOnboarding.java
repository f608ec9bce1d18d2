package org.openaccess.partner.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.openaccess.emulator.Show;
import org.openaccess.partner.core.partners.PartnerCreation;
import org.openaccess.partner.core.partners.PartnerLogo;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboards the demo platform's creators as a platform's engineer does with {@code ./admin create-partner} and
 * {@code upload-logo}: through the same {@link PartnerCreation} (intent recorded first, never a second partner on
 * Spotify), then registers each creator's shows with the emulator ({@code POST /_emulator/shows}, what a creator's
 * RSS feeds do on the real Spotify). Safe to run again on the same registry and emulator: an ACTIVE creator is kept,
 * an unfinished one is adopted (Spotify has a partner with its Entrypoint URL) or retried, shows and logos already
 * there are not sent again.
 */
public final class CreatorOnboarding {
    private static final Logger LOG = LoggerFactory.getLogger(CreatorOnboarding.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOGO_SIDE = 1000;

    private final PartnerRegistry registry;
    private final SpotifyPartners spotify;
    private final URI apiBaseUrl;
    private final URI emulatorUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param apiBaseUrl  the base of the stack's URLs: a creator's Entrypoint URL is {@code <base>/link/<slug>}
     * @param emulatorUrl the emulated Spotify, for its developer API (state and shows)
     */
    public CreatorOnboarding(PartnerRegistry registry, SpotifyPartners spotify, URI apiBaseUrl, URI emulatorUrl) {
        this.registry = registry;
        this.spotify = spotify;
        this.apiBaseUrl = apiBaseUrl;
        this.emulatorUrl = emulatorUrl;
    }

    /** Each creator onboarded, with its partner id, in the order given. */
    public List<DemoPartner> onboard(List<DemoCreator> creators) {
        List<DemoPartner> partners = new ArrayList<>();
        for (DemoCreator creator : creators) {
            String partnerId = partnerIdOf(creator);
            registerShows(creator, partnerId);
            uploadLogoOnce(creator, partnerId);
            partners.add(DemoPartner.creator(
                    creator.slug(), partnerId, creator.name(), creator.tiers(), creator.demoShows()));
        }
        return partners;
    }

    private String partnerIdOf(DemoCreator creator) {
        PartnerSlug slug = PartnerSlug.parse(creator.slug());
        Optional<RegisteredPartner> recorded = registry.find(slug);
        if (recorded.isPresent() && recorded.get().isActive()) {
            return recorded.get().partnerId().orElseThrow();
        }
        StringWriter said = new StringWriter();
        String rerun = "./admin --local create-partner --slug " + slug + " --name '" + creator.name() + "'";
        PartnerCreation creation = new PartnerCreation(registry, spotify, apiBaseUrl, new PrintWriter(said), rerun);
        // An unfinished earlier run: decide as the operator would, from what Spotify holds for this Entrypoint URL.
        PartnerCreation.Decision decision = recorded.isEmpty()
                ? PartnerCreation.Decision.none()
                : spotifyPartnerWith(creation.entrypointUrl(slug))
                        .map(id -> new PartnerCreation.Decision(Optional.of(id), false))
                        .orElseGet(() -> new PartnerCreation.Decision(Optional.empty(), true));
        try {
            return creation.create(slug, creator.name(), decision);
        } finally {
            said.toString().lines().forEach(line -> LOG.info("create-partner: {}", line));
        }
    }

    private void registerShows(DemoCreator creator, String partnerId) {
        Set<String> known = new HashSet<>();
        emulatorState().path("shows").forEach(show -> known.add(show.path("id").asText()));
        for (Show show : creator.shows()) {
            if (known.contains(show.id())) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", show.id());
            body.put("title", show.title());
            body.put("entitlements", show.entitlements());
            body.put("partnerId", partnerId);
            HttpResponse<String> response = send(HttpRequest.newBuilder(emulatorUrl.resolve("/_emulator/shows"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                    .build());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("the emulator refused the show " + show.id() + " of '" + creator.slug()
                        + "' (HTTP " + response.statusCode() + "): " + response.body());
            }
        }
    }

    /** A generated logo (Spotify's rules: one side at least 1000 px), so the consent page shows the creator's. */
    private void uploadLogoOnce(DemoCreator creator, String partnerId) {
        PartnerSlug slug = PartnerSlug.parse(creator.slug());
        if (registry.find(slug).flatMap(RegisteredPartner::logo).isPresent()) {
            return;
        }
        byte[] png = logo(creator.slug());
        OpenAccessResult<Void> result = spotify.uploadLogo(partnerId, png, "image/png");
        if (!(result instanceof OpenAccessResult.Ok<Void>)) {
            // Not fatal: the creator works without a logo; the consent page then shows its name only.
            LOG.warn("upload-logo for '{}' did not succeed ({}); the creator has no logo", slug, result);
            return;
        }
        registry.recordLogo(
                slug, new PartnerLogo("image/png", png.length, Clock.systemUTC().instant()));
        LOG.info("upload-logo: '{}' (partner {}) has its logo", slug, partnerId);
    }

    private static byte[] logo(String slug) {
        BufferedImage image = new BufferedImage(LOGO_SIDE, LOGO_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.getHSBColor((slug.hashCode() & 0xFF) / 255f, 0.55f, 0.8f));
            graphics.fillRect(0, 0, LOGO_SIDE, LOGO_SIDE);
            graphics.setColor(Color.WHITE);
            graphics.fillOval(LOGO_SIDE / 4, LOGO_SIDE / 4, LOGO_SIDE / 2, LOGO_SIDE / 2);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Optional<String> spotifyPartnerWith(URI entrypointUrl) {
        for (JsonNode partner : emulatorState().path("partners")) {
            if (partner.path("entrypointUrl").asText().equals(entrypointUrl.toString())) {
                return Optional.of(partner.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode emulatorState() {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(emulatorUrl.resolve("/_emulator/state")).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the emulator's state answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator's state is not JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator at " + emulatorUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while onboarding the demo creators", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
