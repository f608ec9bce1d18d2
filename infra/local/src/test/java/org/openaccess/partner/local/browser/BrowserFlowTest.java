package org.openaccess.partner.local.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.local.LocalStackProcess;
import org.openaccess.partner.testkit.Dynalite;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
    private static final Duration PATIENCE = Browser.PATIENCE;
    private static final String RECONCILE_SECONDS = "2";
    private static final Set<String> PUBLIC_VALUE_COOKIES = Set.of("spotify_show_uri", "spotify_link_partner");

    private static LocalStackProcess stack;
    private static SpotifySide spotify;
    /**
     * Every secret, state, PKCE challenge and verifier, code, token and cookie value this run issued or configured:
     * none may be logged.
     */
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    /** The kinds the emulator reported (authorization_code, access_token, ...): each must be among them. */
    private static final Set<String> SPOTIFY_KINDS_SEEN = new TreeSet<>();

    @RegisterExtension
    final Browser browser = new Browser();

    private WebDriver driver;

    @BeforeAll
    static void startStack() {
        // The reconciler runs every RECONCILE_SECONDS, so that a test sees its pass within the test's patience.
        stack = LocalStackProcess.startOnFreePorts(Map.of("LOCAL_RECONCILE_SECONDS", RECONCILE_SECONDS));
        spotify = new SpotifySide(stack.emulatorUrl());
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
        for (JsonNode secret : spotify.read("/_emulator/issued-secrets").path("secrets")) {
            SPOTIFY_KINDS_SEEN.add(secret.path("kind").asText());
            ISSUED.add(secret.path("value").asText());
        }
    }

    @BeforeEach
    void useBrowser() {
        driver = browser.driver();
    }

    /** Runs before the browser closes: the last page's cookies count too. */
    @AfterEach
    void collectLastCookies() {
        collectCookies();
    }

    @Test
    void linkFromThePartnerSiteFollowTheMembershipAndUnlink() {
        linkFromTheDemoSite("ada", Set.of("premium"));
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

        browser.clickAndAwaitNextPage(By.id("unlink"));
        browser.until(ExpectedConditions.attributeToBe(By.id("link-state"), "data-status", "UNLINKED"));
        await().atMost(PATIENCE).until(() -> spotifyLink("ada").isEmpty());
    }

    @Test
    void aListenerWhoRemovesTheAppOnSpotifyIsSeenUnlinkedAfterTheReconcilersPass() {
        linkFromTheDemoSite("ada", Set.of("basic"));
        driver.get(stack.apiUrl().resolve("/demo/account").toString());
        assertEquals("LINKED", driver.findElement(By.id("link-state")).getAttribute("data-status"));

        // On Spotify's side (changelog 1.6.0): the listener signs in and removes the partner's access.
        driver.get(stack.emulatorUrl() + "/account/apps");
        new Select(driver.findElement(By.id("user"))).selectByValue("ada");
        driver.findElement(By.id("sign-in")).click();
        browser.until(ExpectedConditions.elementToBeClickable(By.id("unlink-" + PARTNER_ID)))
                .click();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.id("no-linked-apps")));
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
        browser.until(ExpectedConditions.urlContains("/demo/login"));
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
        browser.until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
        collectAuthorizeParameters();
        collectCookies();
        driver.findElement(By.id("cancel")).click();

        browser.until(ExpectedConditions.urlContains("/callback"));
        assertEquals(
                "You did not link your Spotify account",
                driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.getPageSource().contains("user_cancelled"));
        assertTrue(spotifyLink("alan").isEmpty());

        driver.findElement(By.cssSelector("a.retry")).click();
        browser.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        assertTrue(driver.getCurrentUrl().startsWith(stack.emulatorUrl().toString()), driver.getCurrentUrl());
        driver.navigate().back();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.retry")));
    }

    private void logInOnTheDemoSite(String user) {
        browser.logInOnTheDemoSite(stack.apiUrl(), user);
        collectCookies();
    }

    /** Logs in, saves the membership, and links with the account page's button, approving on Spotify as the same user. */
    private void linkFromTheDemoSite(String user, Set<String> tiers) {
        logInOnTheDemoSite(user);
        saveMembership(tiers);
        driver.findElement(By.id("link-spotify")).click();
        approveOnSpotifyAs(user);
    }

    private void saveMembership(Set<String> tiers) {
        browser.saveMembership("", List.of("basic", "premium"), tiers);
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
        browser.awaitConsentPage();
        collectAuthorizeParameters();
        collectCookies();
        browser.approveAs(spotifyUser);
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
        return spotify.link(spotifyUser, PARTNER_ID);
    }
}
