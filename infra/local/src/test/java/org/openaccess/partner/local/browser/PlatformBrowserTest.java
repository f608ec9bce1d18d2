package org.openaccess.partner.local.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openaccess.partner.local.LocalStackProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a membership platform, in Chromium against the local stack as ./run-local starts it: the stack has
 * onboarded two creators with create-partner; one listener links to both, and each creator's membership reaches
 * that creator only on Spotify's side (read from the emulator's state).
 */
@Tag("integration")
class PlatformBrowserTest {

    private static final String NIGHT_OWLS = "night-owls";
    private static final String GARDEN_TALK = "garden-talk";
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WRITES =
            List.of("add-entitlements", "delete-entitlements", "replace-entitlements");

    private static LocalStackProcess stack;

    private Browser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startStack() {
        stack = LocalStackProcess.startOnFreePorts(Map.of());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        driver = browser.driver();
        wait = new WebDriverWait(driver, PATIENCE);
    }

    @AfterEach
    void saveLastPage(TestInfo test) {
        try {
            browser.screenshot(test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.close();
        }
    }

    @Test
    void oneListenerLinksToTwoCreatorsAndEachMembershipChangesOnlyItsCreatorsShows() {
        logInOnTheDemoSite("ada");
        String nightOwls = partnerIdOnPage(NIGHT_OWLS);
        String gardenTalk = partnerIdOnPage(GARDEN_TALK);
        assertNotEquals(nightOwls, gardenTalk);
        saveMembership(NIGHT_OWLS, List.of("supporter", "patron"), Set.of("supporter"));
        saveMembership(GARDEN_TALK, List.of("member", "grower"), Set.of("member"));

        linkTo(NIGHT_OWLS, "Night Owls Radio");
        linkTo(GARDEN_TALK, "Garden Talk");

        assertEquals(Optional.of(List.of("supporter")), spotifyLink("ada", nightOwls));
        assertEquals(Optional.of(List.of("member")), spotifyLink("ada", gardenTalk));
        assertEquals(Set.of("NightOwlsLateShow00001"), unlockedShows("ada", nightOwls));
        Set<String> gardenShowsBefore = unlockedShows("ada", gardenTalk);
        assertEquals(Set.of("GardenTalkWeekly000001"), gardenShowsBefore);

        // One creator's membership changes: its set reaches that creator's partner id only.
        long gardenPushesBefore = pushesTo(gardenTalk);
        saveMembership(NIGHT_OWLS, List.of("supporter", "patron"), Set.of("supporter", "patron"));
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> spotifyLink("ada", nightOwls).equals(Optional.of(List.of("patron", "supporter"))));
        assertEquals(Set.of("NightOwlsLateShow00001", "NightOwlsPatronOnly002"), unlockedShows("ada", nightOwls));
        assertEquals(Optional.of(List.of("member")), spotifyLink("ada", gardenTalk));
        assertEquals(gardenShowsBefore, unlockedShows("ada", gardenTalk));
        assertEquals(gardenPushesBefore, pushesTo(gardenTalk), "no entitlement push went to the other creator");

        // Unlinking from one creator leaves the other linked, on both sides.
        WebElement unlink = driver.findElement(By.id("unlink-" + NIGHT_OWLS));
        unlink.click();
        wait.until(Browser.replaced(unlink));
        wait.until(ExpectedConditions.attributeToBe(By.id("link-state-" + NIGHT_OWLS), "data-status", "UNLINKED"));
        await().atMost(PATIENCE).until(() -> spotifyLink("ada", nightOwls).isEmpty());
        assertEquals(
                "LINKED", driver.findElement(By.id("link-state-" + GARDEN_TALK)).getAttribute("data-status"));
        assertEquals(Optional.of(List.of("member")), spotifyLink("ada", gardenTalk));
        assertEquals("NONE", driver.findElement(By.id("link-state")).getAttribute("data-status"));
    }

    private void logInOnTheDemoSite(String user) {
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        wait.until(ExpectedConditions.urlContains("/demo/login"));
        new Select(driver.findElement(By.id("user"))).selectByValue(user);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-id")));
        assertEquals(user, driver.findElement(By.id("user-id")).getText());
    }

    private final Map<String, String> partnerIds = new HashMap<>();

    private String partnerIdOf(String slug) {
        return partnerIds.get(slug);
    }

    private String partnerIdOnPage(String slug) {
        partnerIds.put(slug, driver.findElement(By.id("partner-" + slug)).getAttribute("data-partner-id"));
        return partnerIds.get(slug);
    }

    private void saveMembership(String slug, List<String> tiers, Set<String> chosen) {
        for (String tier : tiers) {
            WebElement box = driver.findElement(By.id("tier-" + slug + "-" + tier));
            if (box.isSelected() != chosen.contains(tier)) {
                box.click();
            }
        }
        WebElement save = driver.findElement(By.id("save-membership-" + slug));
        save.click();
        wait.until(Browser.replaced(save));
        String expected = String.join(
                ", ", tiers.stream().filter(chosen::contains).sorted().toList());
        wait.until(ExpectedConditions.textToBe(By.id("current-tiers-" + slug), expected));
    }

    /**
     * Link from the creator's button: Spotify's completion page names the creator and shows the logo the stack
     * uploaded for it (a flow started on the platform's site tells Spotify's consent page no partner); back on the
     * account page, LINKED.
     */
    private void linkTo(String slug, String name) {
        driver.findElement(By.id("link-spotify-" + slug)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        new Select(driver.findElement(By.id("user"))).selectByValue("ada");
        driver.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unlocked-shows")));
        assertEquals(name, driver.findElement(By.id("partner-name")).getText());
        assertTrue(
                driver.findElement(By.id("partner-logo")).getAttribute("src").endsWith(partnerIdOf(slug)),
                "the completion page shows the logo uploaded for " + slug);
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        assertEquals("LINKED", driver.findElement(By.id("link-state-" + slug)).getAttribute("data-status"));
    }

    /** Spotify's side: the user's link to that partner and its entitlements, if linked. */
    private static Optional<List<String>> spotifyLink(String spotifyUser, String partnerId) {
        for (JsonNode link : emulator("/_emulator/state").path("links")) {
            if (link.path("partnerId").asText().equals(partnerId)
                    && link.path("spotifyUserId").asText().equals(spotifyUser)) {
                List<String> entitlements = new ArrayList<>();
                link.path("entitlements").forEach(e -> entitlements.add(e.asText()));
                return Optional.of(entitlements.stream().sorted().toList());
            }
        }
        return Optional.empty();
    }

    /** The partner's shows the user can play on Spotify: those whose entitlements meet the link's. */
    private static Set<String> unlockedShows(String spotifyUser, String partnerId) {
        List<String> held = spotifyLink(spotifyUser, partnerId).orElse(List.of());
        Set<String> unlocked = new TreeSet<>();
        for (JsonNode show : emulator("/_emulator/state").path("shows")) {
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
        for (JsonNode call : emulator("/_emulator/calls").path("calls")) {
            if (partnerId.equals(call.path("partnerId").asText())
                    && WRITES.stream().anyMatch(call.path("endpoint").asText()::contains)) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode emulator(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stack.emulatorUrl() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "the emulator's " + path);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the emulator's " + path, e);
        }
    }
}
