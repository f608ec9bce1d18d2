package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorPageTest {

    @Test
    void showsTitleMessageCodeAndTryAgain() {
        String html = ErrorPage.render(Failure.badRequest("state_expired", "This link has expired", "Start again.")
                .withRetry("/link"));

        assertTrue(html.contains("<title>This link has expired</title>"));
        assertTrue(html.contains("Start again."));
        assertTrue(html.contains("<code>state_expired</code>"));
        assertTrue(html.contains("<a class=\"retry\" href=\"/link\">Try again</a>"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void withoutARetryPathThereIsNoLink() {
        assertFalse(ErrorPage.render(Failure.of(502, "x", "t", "m")).contains("<a "));
    }

    @Test
    void textIsEscaped() {
        String html = ErrorPage.render(new Failure(400, "c", "<b>\"t\"</b>", "a & 'b' <script>", Optional.empty()));

        assertTrue(html.contains("&lt;b&gt;&quot;t&quot;&lt;/b&gt;"));
        assertTrue(html.contains("a &amp; &#39;b&#39; &lt;script&gt;"));
        assertFalse(html.contains("<script>"));
    }

    @Test
    void theCspAllowsExactlyTheInlineStyleByItsHash() throws Exception {
        String html = ErrorPage.render(Failure.of(404, "not_found", "t", "m"));
        String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8)));

        assertTrue(ErrorPage.CONTENT_SECURITY_POLICY.contains("style-src 'sha256-" + hash + "'"));
        assertTrue(ErrorPage.CONTENT_SECURITY_POLICY.startsWith("default-src 'none'"));
        assertTrue(ErrorPage.CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    }

    @Test
    void retryPathsMustBeRelative() {
        Failure failure = Failure.of(503, "x", "t", "m");
        for (String path : new String[] {"https://evil.example/", "//evil.example", "link"}) {
            try {
                failure.withRetry(path);
                throw new AssertionError("accepted " + path);
            } catch (IllegalArgumentException expected) {
                assertEquals("retry path must be a relative path", expected.getMessage());
            }
        }
    }
}
