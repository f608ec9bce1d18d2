package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** Every kind of emulator answer carries the security headers; HTML pages cannot be framed and run no script. */
class PageHeadersTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @Test
    void theConsentPageCannotBeFramedAndAllowsOnlyItsOwnStyle() throws Exception {
        assertHtmlPage(spotify.authorize(SpotifyCaller.authorizeParams("st")), 200);
    }

    @Test
    void errorPagesAndTheDeveloperPageCarryTheSameHeaders() throws Exception {
        assertHtmlPage(spotify.get("/no-such-page", "Accept", "text/html"), 404);
        assertHtmlPage(spotify.get("/_emulator"), 200);
        assertHtmlPage(spotify.get("/authorize?client_id=nobody"), 400);
    }

    @Test
    void jsonAnswersAreNotSniffedAndSendNoReferrerToOtherSites() {
        HttpResponse<String> json = spotify.get("/_emulator/state");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(json.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private static void assertHtmlPage(HttpResponse<String> page, int status) throws Exception {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        // The page's one inline style is the one the CSP allows: the page still looks as it should.
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.body());
        assertThat(style.find()).isTrue();
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(style.group(1).getBytes(StandardCharsets.UTF_8));
        assertThat(csp).contains("style-src 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
    }
}
