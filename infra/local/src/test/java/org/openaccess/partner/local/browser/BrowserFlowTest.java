package org.openaccess.partner.local.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openaccess.partner.local.LocalStackProcess;
import org.openaccess.partner.testkit.Dynalite;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole product in a real browser against the local stack as ./run-local starts it: the demo partner site,
 * the functions behind the local gateway, the emulated Spotify, the change feed and the push function.
 */
@org.junit.jupiter.api.Tag("integration")
class BrowserFlowTest {

    private static final String PARTNER_ID = "LocalDemoPartner000001";
    private static final String BASIC_SHOW = "spotify:show:LunarBasicShow00000001";
    private static final String PREMIUM_SHOW = "spotify:show:LunarPremiumShow000002";
    private static final String EITHER_SHOW = "spotify:show:LunarEitherShow0000003";
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void linkFromThePartnerSiteFollowTheMembershipAndUnlink() {
        logInOnTheDemoSite("ada");
        saveMembership(Set.of("premium"));

        driver.findElement(By.id("link-spotify")).click();
        approveOnSpotifyAs("ada");
        List<String> unlocked = unlockedShowUris();
        assertTrue(unlocked.contains(PREMIUM_SHOW) && unlocked.contains(EITHER_SHOW), unlocked.toString());
        assertFalse(unlocked.contains(BASIC_SHOW), unlocked.toString());

        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        assertEquals("LINKED", driver.findElement(By.id("link-state")).getAttribute("data-status"));
        browser.screenshot("demo-site-linked"); // the README's picture of the demo site
        saveMembership(Set.of());
        awaitSpotifyEntitlements("ada", List.of());
        saveMembership(Set.of("basic"));
        awaitSpotifyEntitlements("ada", List.of("basic"));
        saveMembership(Set.of("basic", "premium"));
        awaitSpotifyEntitlements("ada", List.of("basic", "premium"));

        WebElement unlink = driver.findElement(By.id("unlink"));
        unlink.click();
        wait.until(ExpectedConditions.stalenessOf(unlink));
        wait.until(ExpectedConditions.attributeToBe(By.id("link-state"), "data-status", "UNLINKED"));
        await().atMost(PATIENCE).until(() -> spotifyLink("ada").isEmpty());
    }

    @Test
    void startingOnSpotifyTheCompletionPageShowsThatShowOnTop() {
        // The partner's membership system (here: any DynamoDB client) has already given grace the basic tier.
        try (DynamoDbClient dynamoDb =
                Dynalite.clientFor(URI.create(stack.settings().text("AWS_ENDPOINT_URL_DYNAMODB")))) {
            dynamoDb.putItem(b -> b.tableName(stack.settings().entitlementsTable())
                    .item(Map.of(
                            "userId", AttributeValue.fromS("grace"),
                            "entitlements", AttributeValue.fromSs(List.of("basic")),
                            "updatedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
        }

        driver.get(stack.emulatorUrl() + "/link/" + PARTNER_ID + "?spotifyShowUri=" + BASIC_SHOW);
        wait.until(ExpectedConditions.urlContains("/demo/login"));
        new Select(driver.findElement(By.id("user"))).selectByValue("grace");
        driver.findElement(By.id("login")).click();
        approveOnSpotifyAs("grace");

        WebElement first = driver.findElement(By.cssSelector("#unlocked-shows li"));
        assertEquals(BASIC_SHOW, first.getAttribute("data-show-uri"));
        assertTrue(first.getAttribute("class").contains("highlighted"));
        assertEquals(List.of("basic"), spotifyLink("grace").orElseThrow());
    }

    @Test
    void cancellingOnTheConsentPageGivesTheFriendlyPageWithAWayToTryAgain() {
        logInOnTheDemoSite("alan");
        driver.findElement(By.id("link-spotify")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();

        wait.until(ExpectedConditions.urlContains("/callback"));
        assertEquals(
                "You did not link your Spotify account",
                driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.getPageSource().contains("user_cancelled"));
        assertTrue(spotifyLink("alan").isEmpty());

        driver.findElement(By.cssSelector("a.retry")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        assertTrue(driver.getCurrentUrl().startsWith(stack.emulatorUrl().toString()), driver.getCurrentUrl());
        driver.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.retry")));
    }

    private void logInOnTheDemoSite(String user) {
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        wait.until(ExpectedConditions.urlContains("/demo/login"));
        new Select(driver.findElement(By.id("user"))).selectByValue(user);
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-id")));
        assertEquals(user, driver.findElement(By.id("user-id")).getText());
    }

    private void saveMembership(Set<String> tiers) {
        for (String tier : List.of("basic", "premium")) {
            WebElement box = driver.findElement(By.id("tier-" + tier));
            if (box.isSelected() != tiers.contains(tier)) {
                box.click();
            }
        }
        WebElement save = driver.findElement(By.id("save-membership"));
        save.click();
        wait.until(ExpectedConditions.stalenessOf(save));
        String expected = tiers.isEmpty()
                ? "none"
                : String.join(", ", tiers.stream().sorted().toList());
        wait.until(ExpectedConditions.textToBe(By.id("current-tiers"), expected));
    }

    private void approveOnSpotifyAs(String spotifyUser) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        new Select(driver.findElement(By.id("user"))).selectByValue(spotifyUser);
        driver.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unlocked-shows")));
    }

    private List<String> unlockedShowUris() {
        List<String> uris = new ArrayList<>();
        driver.findElements(By.cssSelector("#unlocked-shows li"))
                .forEach(li -> uris.add(li.getAttribute("data-show-uri")));
        return uris;
    }

    private void awaitSpotifyEntitlements(String spotifyUser, List<String> expected) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        spotifyLink(spotifyUser).orElse(List.of("(not linked)")).equals(expected));
    }

    /** Spotify's side, from the emulator's developer view: the user's link and its entitlements, if linked. */
    private static Optional<List<String>> spotifyLink(String spotifyUser) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stack.emulatorUrl() + "/_emulator/state"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            for (JsonNode link : JSON.readTree(response.body()).path("links")) {
                if (link.path("partnerId").asText().equals(PARTNER_ID)
                        && link.path("spotifyUserId").asText().equals(spotifyUser)) {
                    List<String> entitlements = new ArrayList<>();
                    link.path("entitlements").forEach(e -> entitlements.add(e.asText()));
                    return Optional.of(entitlements.stream().sorted().toList());
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the emulator's state", e);
        }
    }
}
