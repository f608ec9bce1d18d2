package org.openaccess.partner.local.demo;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What the functions' pages carry (functions/web SecurityHeaders), for the demo site partners copy: no caching, no
 * sniffing, no referrer to other sites, and for pages a CSP allowing only the page's own style and no framing (the
 * account page holds the Unlink form: no clickjacking). {@code same-origin} rather than {@code no-referrer}: with
 * no-referrer a browser sends "Origin: null" on the site's own form posts, which the Origin checks refuse.
 */
final class DemoHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(DemoPages.STYLE)
            + "'; img-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private DemoHeaders() {}

    static void applyTo(HttpExchange exchange, boolean page) {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        if (page) {
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
