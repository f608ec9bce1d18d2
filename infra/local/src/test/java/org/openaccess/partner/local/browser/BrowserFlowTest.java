package org.openaccess.partner.local.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
 * the functions behind the local gateway, the emulated Spotify, the change feed, the push function and the
 * reconciler. At the end, a scan of the whole run's log for every secret, state, PKCE challenge and verifier,
 * authorization code, access and refresh token and cookie value the run issued.
 */
@Tag("integration")
class BrowserFlowTest {

    private static final String PARTNER_ID = "LocalDemoPartner000001";
    private static final String BASIC_SHOW = "spotify:show:LunarBasicShow00000001";
    private static final String PREMIUM_SHOW = "spotify:show:LunarPremiumShow000002";
    private static final String EITHER_SHOW = "spotify:show:LunarEitherShow0000003";
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String RECONCILE_SECONDS = "2";
    private static final Set<String> PUBLIC_VALUE_COOKIES = Set.of("spotify_show_uri", "spotify_link_partner");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStackProcess stack;
    /**
     * Every secret, state, PKCE challenge and verifier, code, token and cookie value this run issued or configured:
     * none may be logged.
     */
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    /** The kinds the emulator reported (authorization_code, access_token, ...): each must be among them. */
    private static final Set<String> SPOTIFY_KINDS_SEEN = new TreeSet<>();

    private Browser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startStack() {
        // The reconciler runs every RECONCILE_SECONDS, so that a test sees its pass within the test's patience.
        stack = LocalStackProcess.startOnFreePorts(Map.of("LOCAL_RECONCILE_SECONDS", RECONCILE_SECONDS));
    }

    @AfterAll
    static void stopStackAndScanItsLog() {
        if (stack == null) {
            return;
        }
        try {
            collectWhatSpotifyIssued();
        } finally {
            stack.close();
        }
        ISSUED.add(stack.settings().clientSecret());
        ISSUED.add(stack.settings().sessionKey());
        ISSUED.removeIf(value -> value == null || value.length() < 8); // too short to be a secret or to scan for
        String log = stack.output();
        List<String> logged = ISSUED.stream().filter(log::contains).toList();
        assertTrue(
                logged.isEmpty(),
                logged.size() + " of " + ISSUED.size() + " issued values appear in the run's log (first characters: "
                        + logged.stream().map(v -> v.substring(0, 4) + "...").toList() + ")");
        // Each linking flow alone gives Spotify a state, a verifier, a code and an access and a refresh token.
        for (String kind : List.of("authorization_code", "access_token", "refresh_token", "code_verifier", "state")) {
            assertTrue(
                    SPOTIFY_KINDS_SEEN.contains(kind),
                    "the emulator reported no " + kind + " (" + ISSUED.size() + " values collected)");
        }
        assertTrue(ISSUED.size() >= 20, "the scan collected too little to mean anything: " + ISSUED.size());
        System.out.println("log scan: " + ISSUED.size() + " issued values (" + SPOTIFY_KINDS_SEEN
                + " among them), none in " + log.lines().count() + " log lines");
    }

    /**
     * What Spotify's side issued or received during the run (codes, access and refresh tokens, PKCE verifiers,
     * states), from the emulator's record: the browser never sees most of them.
     */
    private static void collectWhatSpotifyIssued() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stack.emulatorUrl() + "/_emulator/issued-secrets"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "the emulator's /_emulator/issued-secrets");
            for (JsonNode secret : JSON.readTree(response.body()).path("secrets")) {
                SPOTIFY_KINDS_SEEN.add(secret.path("kind").asText());
                ISSUED.add(secret.path("value").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the emulator's issued secrets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
            collectCookies();
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
        wait.until(Browser.replaced(unlink));
        wait.until(ExpectedConditions.attributeToBe(By.id("link-state"), "data-status", "UNLINKED"));
        await().atMost(PATIENCE).until(() -> spotifyLink("ada").isEmpty());
    }

    @Test
    void aListenerWhoRemovesTheAppOnSpotifyIsSeenUnlinkedAfterTheReconcilersPass() {
        logInOnTheDemoSite("ada");
        saveMembership(Set.of("basic"));
        driver.findElement(By.id("link-spotify")).click();
        approveOnSpotifyAs("ada");
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        assertEquals("LINKED", driver.findElement(By.id("link-state")).getAttribute("data-status"));

        // On Spotify's side (changelog 1.6.0): the listener signs in and removes the partner's access.
        driver.get(stack.emulatorUrl() + "/account/apps");
        new Select(driver.findElement(By.id("user"))).selectByValue("ada");
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("unlink-" + PARTNER_ID)))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-linked-apps")));
        collectCookies();
        assertTrue(spotifyLink("ada").isEmpty());

        // The reconciler verifies each link once a day, at the link's own time of day. As if its schedule had been
        // off for a day, its next pass covers the whole day and so verifies every link.
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            lastReconcilePassEndedADayAgo();
            driver.navigate().refresh();
            return driver.findElement(By.id("link-state"))
                    .getAttribute("data-status")
                    .equals("UNLINKED");
        });
        assertEquals("UNLINKED", linkStatus("ada"));
    }

    @Test
    void startingOnSpotifyTheCompletionPageShowsThatShowOnTop() {
        // The partner's membership system (here: any DynamoDB client) has already given grace the basic tier.
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            dynamoDb.putItem(b -> b.tableName(stack.settings().entitlementsTable())
                    .item(Map.of(
                            "userId", AttributeValue.fromS("grace"),
                            "partnerId", AttributeValue.fromS(PARTNER_ID),
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
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
        collectAuthorizeParameters();
        collectCookies();
        driver.findElement(By.id("cancel")).click();

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
        collectCookies();
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
        wait.until(Browser.replaced(save));
        String expected = tiers.isEmpty()
                ? "none"
                : String.join(", ", tiers.stream().sorted().toList());
        wait.until(ExpectedConditions.textToBe(By.id("current-tiers"), expected));
    }

    /**
     * Cookies are per host, not per port: on 127.0.0.1 the browser holds the demo's, the functions' and Spotify's.
     * Spotify's content-access cookies hold the show and the partner the listener came from: public ids, which the
     * stack prints at start, not secrets.
     */
    private void collectCookies() {
        driver.manage().getCookies().stream()
                .filter(cookie -> !PUBLIC_VALUE_COOKIES.contains(cookie.getName()))
                .forEach(cookie -> ISSUED.add(cookie.getValue()));
    }

    /** The consent page's URL carries what the entrypoint issued for this flow: the state and the PKCE challenge. */
    private void collectAuthorizeParameters() {
        String query = URI.create(driver.getCurrentUrl()).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (nameValue.length == 2 && Set.of("state", "code_challenge").contains(nameValue[0])) {
                ISSUED.add(URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
    }

    private void approveOnSpotifyAs(String spotifyUser) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        collectAuthorizeParameters();
        collectCookies();
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

    /**
     * Writes the reconciler's state (its own table) as a deployment whose reconciler last completed a pass a day
     * ago. Written again on every poll: a pass running at that moment saves its own state over it.
     */
    private static void lastReconcilePassEndedADayAgo() {
        long dayAgo = System.currentTimeMillis() - Duration.ofHours(25).toMillis();
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            dynamoDb.putItem(b -> b.tableName(stack.settings().text("RECONCILE_STATE_TABLE"))
                    .item(Map.of(
                            "name", AttributeValue.fromS("links-pass"),
                            "passOpen", AttributeValue.fromBool(false),
                            "verifyFrom", AttributeValue.fromN(Long.toString(dayAgo)),
                            "verifyTo", AttributeValue.fromN(Long.toString(dayAgo)))));
        }
    }

    /** The partner's side: the status of the user's link to the default partner in the links table. */
    private static String linkStatus(String userId) {
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            // A query by user: the links of a user, whether the table is keyed by user or by user and partner.
            return dynamoDb
                    .query(b -> b.tableName(stack.settings().text("LINKS_TABLE"))
                            .keyConditionExpression("userId = :user")
                            .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)))
                            .consistentRead(true))
                    .items()
                    .stream()
                    .filter(item -> !item.containsKey("partnerId")
                            || item.get("partnerId").s().equals(PARTNER_ID))
                    .map(item -> item.containsKey("status") ? item.get("status").s() : "(no status)")
                    .findFirst()
                    .orElse("(no link)");
        }
    }

    private static DynamoDbClient dynamoDb() {
        return Dynalite.clientFor(URI.create(stack.settings().text("AWS_ENDPOINT_URL_DYNAMODB")));
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
