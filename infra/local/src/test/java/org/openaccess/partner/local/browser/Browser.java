package org.openaccess.partner.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own ChromeDriver (Selenium Manager never downloads anything),
 * with a fresh profile per test so no cookie leaks from one test into another; a screenshot of each test's last page
 * goes to target/screenshots. Register it with {@code @RegisterExtension}; it also holds the steps the browser tests
 * share on the demo site and on Spotify's consent page.
 */
final class Browser implements BeforeEachCallback, AfterEachCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(45);

    private ChromeDriver driver;
    private Path profile;
    private WebDriverWait wait;

    /**
     * The element's page has been replaced by the next one. Chromium answers a query on an element of a page being
     * torn down either "stale element" or, mid-navigation, "node does not belong to the document"; both mean gone.
     */
    static ExpectedCondition<Boolean> replaced(WebElement element) {
        return ignored -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException midNavigation) {
                return String.valueOf(midNavigation.getMessage()).contains("does not belong to the document");
            }
        };
    }

    @Override
    public void beforeEach(ExtensionContext test) {
        File chromium = new File(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
        File chromedriver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException(
                    "Chromium (" + chromium + ") or ChromeDriver (" + chromedriver + ") is missing."
                            + " Install them with: apt-get install -y chromium chromium-driver (./run-tests does this),"
                            + " or point CHROME_BIN and CHROMEDRIVER at them.");
        }
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1000,1100",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, PATIENCE);
    }

    /** Runs after the test's own {@code @AfterEach} methods, which may still use the page. */
    @Override
    public void afterEach(ExtensionContext test) {
        try {
            screenshot(test.getRequiredTestMethod().getName());
        } finally {
            close();
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Waits (up to {@link #PATIENCE}) until {@code condition} holds on the current page. */
    <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    /** Clicks the element and waits until its page has been replaced by the answer. */
    void clickAndAwaitNextPage(By element) {
        WebElement clicked = driver.findElement(element);
        clicked.click();
        until(replaced(clicked));
    }

    /** The demo site's account page sends a visitor to its login page; logs in there as {@code user}. */
    void logInOnTheDemoSite(URI apiUrl, String user) {
        driver.get(apiUrl.resolve("/demo/account").toString());
        until(ExpectedConditions.urlContains("/demo/login"));
        new Select(driver.findElement(By.id("user"))).selectByValue(user);
        driver.findElement(By.id("login")).click();
        until(ExpectedConditions.presenceOfElementLocated(By.id("user-id")));
        assertEquals(user, driver.findElement(By.id("user-id")).getText());
    }

    /**
     * On the account page, ticks exactly {@code chosen} of one partner's {@code tiers} (its ids end in
     * {@code idSuffix}: empty for the default partner, {@code -slug} for a creator), saves, and waits until the page
     * shows the saved membership.
     */
    void saveMembership(String idSuffix, List<String> tiers, Set<String> chosen) {
        for (String tier : tiers) {
            WebElement box = driver.findElement(By.id("tier" + idSuffix + "-" + tier));
            if (box.isSelected() != chosen.contains(tier)) {
                box.click();
            }
        }
        clickAndAwaitNextPage(By.id("save-membership" + idSuffix));
        List<String> saved = tiers.stream().filter(chosen::contains).sorted().toList();
        until(ExpectedConditions.textToBe(
                By.id("current-tiers" + idSuffix), saved.isEmpty() ? "none" : String.join(", ", saved)));
    }

    /** Waits for Spotify's consent page (its Approve button). */
    void awaitConsentPage() {
        until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    }

    /** On the consent page: approves as {@code spotifyUser} and waits for the completion page's unlocked shows. */
    void approveAs(String spotifyUser) {
        new Select(driver.findElement(By.id("user"))).selectByValue(spotifyUser);
        driver.findElement(By.id("approve")).click();
        until(ExpectedConditions.presenceOfElementLocated(By.id("unlocked-shows")));
    }

    /** Saves the current page as target/screenshots/{name}.png and returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp profile left behind is harmless.
        }
    }
}
