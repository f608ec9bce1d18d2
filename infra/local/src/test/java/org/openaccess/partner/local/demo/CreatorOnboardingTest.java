package org.openaccess.partner.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.Show;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.PartnerStatus;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;

/** The demo platform's onboarding against the emulator and a registry table in dynalite, run once and again. */
@Tag("integration")
class CreatorOnboardingTest {
    private static final URI API = URI.create("http://127.0.0.1:3000");

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension();

    private PartnerRegistry registry;
    private SpotifyPartners spotify;
    private CreatorOnboarding onboarding;

    @BeforeEach
    void freshRegistry() {
        String table = TemplateTables.fromRepository()
                .createAll(
                        Dynalite.shared().client(),
                        "onb" + UUID.randomUUID().toString().substring(0, 8))
                .get("PartnersTable");
        registry = new DynamoPartnerRegistry(Dynalite.shared().client(), table, Clock.systemUTC());
        spotify = new OpenAccessSpotifyPartners(
                SPOTIFY.accountsUrl(),
                SPOTIFY.openAccessUrl(),
                EmulatorConfig.LOCAL_CLIENT_ID,
                new EnvironmentSecretSource(Map.of(
                        "SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET,
                        "PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123",
                        "PUID_KEY", "local-puid-key-0123456789abcdef012345")));
        onboarding = new CreatorOnboarding(registry, spotify, API, SPOTIFY.baseUrl());
    }

    @Test
    void eachCreatorBecomesAPartnerWithItsShowsAndLogo() {
        List<DemoPartner> creators = onboarding.onboard(DemoCreator.ALL);

        assertEquals(2, creators.size());
        for (DemoPartner creator : creators) {
            String slug = creator.slug().orElseThrow();
            RegisteredPartner recorded = registry.find(PartnerSlug.parse(slug)).orElseThrow();
            assertEquals(PartnerStatus.ACTIVE, recorded.status());
            assertEquals(creator.partnerId(), recorded.partnerId().orElseThrow());
            assertTrue(recorded.logo().isPresent(), slug + " has its logo recorded");
            Partner onSpotify = SPOTIFY.emulator().partner(creator.partnerId()).orElseThrow();
            assertEquals(URI.create("http://127.0.0.1:3000/link/" + slug), onSpotify.entrypointUrl());
            assertTrue(onSpotify.logo() != null, slug + " has its logo on Spotify");
            DemoCreator source = DemoCreator.ALL.stream()
                    .filter(c -> c.slug().equals(slug))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    source.shows().stream().map(Show::id).toList(),
                    SPOTIFY.emulator().shows(creator.partnerId()).stream()
                            .map(Show::id)
                            .toList());
        }
    }

    @Test
    void runningAgainCreatesNothingMoreOnSpotify() {
        List<DemoPartner> first = onboarding.onboard(DemoCreator.ALL);
        List<DemoPartner> second = onboarding.onboard(DemoCreator.ALL);

        assertEquals(first, second);
        assertEquals(2, SPOTIFY.emulator().calls("create-partner").size());
        assertEquals(2, SPOTIFY.emulator().calls("upload-logo").size());
        assertEquals(2, SPOTIFY.emulator().shows(first.get(0).partnerId()).size(), "no show registered twice");
    }

    @Test
    void anUnfinishedCreationIsAdoptedFromSpotifyNotCreatedAgain() {
        DemoCreator nightOwls = DemoCreator.ALL.get(0);
        PartnerSlug slug = PartnerSlug.parse(nightOwls.slug());
        URI entrypoint = URI.create("http://127.0.0.1:3000/link/night-owls");
        // An earlier start recorded the intent and Spotify created the partner, then the stack died before the
        // registry write: the registry says CREATING, Spotify has the partner.
        assertTrue(registry.recordIntent(slug, nightOwls.name(), entrypoint));
        String createdEarlier =
                ((OpenAccessResult.Ok<String>) spotify.createPartner(nightOwls.name(), entrypoint)).value();

        List<DemoPartner> onboarded = onboarding.onboard(List.of(nightOwls));

        assertEquals(createdEarlier, onboarded.get(0).partnerId());
        RegisteredPartner recorded = registry.find(slug).orElseThrow();
        assertEquals(PartnerStatus.ACTIVE, recorded.status());
        assertEquals(createdEarlier, recorded.partnerId().orElseThrow());
        assertEquals(1, SPOTIFY.emulator().calls("create-partner").size(), "adopted, not created a second time");
    }

    @Test
    void anUnfinishedCreationSpotifyNeverAnsweredIsRetried() {
        DemoCreator gardenTalk = DemoCreator.ALL.get(1);
        PartnerSlug slug = PartnerSlug.parse(gardenTalk.slug());
        assertTrue(
                registry.recordIntent(slug, gardenTalk.name(), URI.create("http://127.0.0.1:3000/link/garden-talk")));

        List<DemoPartner> onboarded = onboarding.onboard(List.of(gardenTalk));

        assertEquals(
                registry.find(slug).orElseThrow().partnerId().orElseThrow(),
                onboarded.get(0).partnerId());
        assertEquals(1, SPOTIFY.emulator().calls("create-partner").size());
    }
}
