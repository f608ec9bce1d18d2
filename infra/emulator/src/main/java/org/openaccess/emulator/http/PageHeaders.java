package org.openaccess.emulator.http;

import com.sun.net.httpserver.Headers;
import java.util.Base64;
import java.util.Locale;
import org.openaccess.emulator.Sha256;

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

    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(STYLE, "'self'");

    private PageHeaders() {}

    /**
     * A page policy: only {@code style} (the page's one inline style block, allowed by its hash), images from
     * {@code imageSources}, nothing else, no framing.
     */
    public static String contentSecurityPolicy(String style, String imageSources) {
        return "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(style))
                + "'; img-src " + imageSources + "; base-uri 'none'; frame-ancestors 'none'";
    }

    public static void applyTo(Headers headers) {
        applyTo(headers, CONTENT_SECURITY_POLICY);
    }

    /** The headers of every answer; an HTML one (by its Content-Type) also gets {@code pagePolicy} and no framing. */
    public static void applyTo(Headers headers, String pagePolicy) {
        headers.set("X-Content-Type-Options", "nosniff");
        // Not no-referrer: with it a browser sends "Origin: null" even on a same-origin form post (Fetch standard),
        // and the account page's unlink form is checked by its Origin.
        headers.set("Referrer-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        String contentType = headers.getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            headers.set("Content-Security-Policy", pagePolicy);
            headers.set("X-Frame-Options", "DENY");
        }
    }
}
