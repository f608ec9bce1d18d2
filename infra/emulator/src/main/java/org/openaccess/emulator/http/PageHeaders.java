package org.openaccess.emulator.http;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The security headers every emulator answer carries, as Spotify's own pages do and as the partner's functions do
 * for theirs (kept separate: the emulator shares no code with the partner side): no sniffing, no referrer to other
 * sites (URLs may hold a state or a completion id), no caching; HTML pages get a CSP that allows only their own inline style, images from the emulator itself (the partners' logos it
 * serves) and no framing.
 * No {@code form-action}: Chromium applies it to the redirects after a post, and consent redirects to the partner.
 */
public final class PageHeaders {
    /** The one inline style block of {@link Html#page}; the CSP allows it by hash. */
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#191414}
            h1{font-size:1.5rem} .note{color:#555;font-size:.9rem} li.highlighted{font-weight:bold}
            button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem} li form{display:inline}
            table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.2rem .5rem;font-size:.85rem}
            """;

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; "
            + "img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private PageHeaders() {}

    public static void applyTo(Headers headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        // Not no-referrer: with it a browser sends "Origin: null" even on a same-origin form post (Fetch standard),
        // and the account page's unlink form is checked by its Origin.
        headers.set("Referrer-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        String contentType = headers.getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
