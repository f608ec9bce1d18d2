package org.openaccess.partner.local.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.local.LocalStackProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo as a membership platform, in Chromium against the local stack as ./run-local starts it: the stack has
 * onboarded two creators with create-partner; one listener links to both, and each creator's membership reaches
 * that creator only on Spotify's side (read from the emulator's state).
 */
@Tag("integration")
class PlatformBrowserTest {

    private static final String NIGHT_OWLS = "night-owls";
    private static final String GARDEN_TALK = "garden-talk";
    private static final List<String> WRITES =
            List.of("add-entitlements", "delete-entitlements", "replace-entitlements");

    private static LocalStackProcess stack;
    private static SpotifySide spotify;

    @RegisterExtension
    final Browser browser = new Browser();

    private WebDriver driver;

    @BeforeAll
    static void startStack() {
        stack = LocalStackProcess.startOnFreePorts(Map.of());
        spotify = new SpotifySide(stack.emulatorUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void useBrowser() {
        driver = browser.driver();
    }

    @Test
    void oneListenerLinksToTwoCreatorsAndEachMembershipChangesOnlyItsCreatorsShows() {
        browser.logInOnTheDemoSite(stack.apiUrl(), "ada");
        String nightOwls = partnerIdOnPage(NIGHT_OWLS);
        String gardenTalk = partnerIdOnPage(GARDEN_TALK);
        assertNotEquals(nightOwls, gardenTalk);
        browser.saveMembership("-" + NIGHT_OWLS, List.of("supporter", "patron"), Set.of("supporter"));
        browser.saveMembership("-" + GARDEN_TALK, List.of("member", "grower"), Set.of("member"));

        linkTo(NIGHT_OWLS, "Night Owls Radio");
        linkTo(GARDEN_TALK, "Garden Talk");

        assertEquals(Optional.of(List.of("supporter")), spotify.link("ada", nightOwls));
        assertEquals(Optional.of(List.of("member")), spotify.link("ada", gardenTalk));
        assertEquals(Set.of("NightOwlsLateShow00001"), unlockedShows("ada", nightOwls));
        Set<String> gardenShowsBefore = unlockedShows("ada", gardenTalk);
        assertEquals(Set.of("GardenTalkWeekly000001"), gardenShowsBefore);

        // One creator's membership changes: its set reaches that creator's partner id only.
        long gardenPushesBefore = pushesTo(gardenTalk);
        browser.saveMembership("-" + NIGHT_OWLS, List.of("supporter", "patron"), Set.of("supporter", "patron"));
        await().atMost(Browser.PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> spotify.link("ada", nightOwls).equals(Optional.of(List.of("patron", "supporter"))));
        assertEquals(Set.of("NightOwlsLateShow00001", "NightOwlsPatronOnly002"), unlockedShows("ada", nightOwls));
        assertEquals(Optional.of(List.of("member")), spotify.link("ada", gardenTalk));
        assertEquals(gardenShowsBefore, unlockedShows("ada", gardenTalk));
        assertEquals(gardenPushesBefore, pushesTo(gardenTalk), "no entitlement push went to the other creator");

        // Unlinking from one creator leaves the other linked, on both sides.
        browser.clickAndAwaitNextPage(By.id("unlink-" + NIGHT_OWLS));
        browser.until(ExpectedConditions.attributeToBe(By.id("link-state-" + NIGHT_OWLS), "data-status", "UNLINKED"));
        await().atMost(Browser.PATIENCE)
                .until(() -> spotify.link("ada", nightOwls).isEmpty());
        assertEquals(
                "LINKED", driver.findElement(By.id("link-state-" + GARDEN_TALK)).getAttribute("data-status"));
        assertEquals(Optional.of(List.of("member")), spotify.link("ada", gardenTalk));
        assertEquals("NONE", driver.findElement(By.id("link-state")).getAttribute("data-status"));
    }

    private final Map<String, String> partnerIds = new HashMap<>();

    private String partnerIdOf(String slug) {
        return partnerIds.get(slug);
    }

    private String partnerIdOnPage(String slug) {
        partnerIds.put(slug, driver.findElement(By.id("partner-" + slug)).getAttribute("data-partner-id"));
        return partnerIds.get(slug);
    }

    /**
     * Link from the creator's button: Spotify's completion page names the creator and shows the logo the stack
     * uploaded for it (a flow started on the platform's site tells Spotify's consent page no partner); back on the
     * account page, LINKED.
     */
    private void linkTo(String slug, String name) {
        driver.findElement(By.id("link-spotify-" + slug)).click();
        browser.awaitConsentPage();
        browser.approveAs("ada");
        assertEquals(name, driver.findElement(By.id("partner-name")).getText());
        assertTrue(
                driver.findElement(By.id("partner-logo")).getAttribute("src").endsWith(partnerIdOf(slug)),
                "the completion page shows the logo uploaded for " + slug);
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        assertEquals("LINKED", driver.findElement(By.id("link-state-" + slug)).getAttribute("data-status"));
    }

    /** The partner's shows the user can play on Spotify: those whose entitlements meet the link's. */
    private static Set<String> unlockedShows(String spotifyUser, String partnerId) {
        List<String> held = spotify.link(spotifyUser, partnerId).orElse(List.of());
        Set<String> unlocked = new TreeSet<>();
        for (JsonNode show : spotify.read("/_emulator/state").path("shows")) {
            if (!show.path("partnerId").asText().equals(partnerId)) {
                continue;
            }
            for (JsonNode entitlement : show.path("entitlements")) {
                if (held.contains(entitlement.asText())) {
                    unlocked.add(show.path("id").asText());
                }
            }
        }
        return unlocked;
    }

    /** Entitlement writes (add, delete, replace; not reads, not register-user) Spotify recorded for the partner. */
    private static long pushesTo(String partnerId) {
        long count = 0;
        for (JsonNode call : spotify.read("/_emulator/calls").path("calls")) {
            if (partnerId.equals(call.path("partnerId").asText())
                    && WRITES.stream().anyMatch(call.path("endpoint").asText()::contains)) {
                count++;
            }
        }
        return count;
    }
}
