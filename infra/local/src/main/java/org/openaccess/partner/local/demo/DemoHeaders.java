package org.openaccess.partner.local.demo;

import com.sun.net.httpserver.HttpExchange;
import org.openaccess.emulator.http.PageHeaders;

/**
 * What the functions' pages carry (functions/web SecurityHeaders), for the demo site partners copy: no caching, no
 * sniffing, no referrer to other sites, and for pages a CSP allowing only the page's own style and no framing (the
 * account page holds the Unlink form: no clickjacking). {@code same-origin} rather than {@code no-referrer}: with
 * no-referrer a browser sends "Origin: null" on the site's own form posts, which the Origin checks refuse. The
 * emulator's pages carry the same set, so the demo applies the emulator's, with its own style and no images.
 */
final class DemoHeaders {

    static final String CONTENT_SECURITY_POLICY = PageHeaders.contentSecurityPolicy(DemoPages.STYLE, "'none'");

    private DemoHeaders() {}

    /** Call after setting the answer's Content-Type: an HTML page gets the page policy. */
    static void applyTo(HttpExchange exchange) {
        PageHeaders.applyTo(exchange.getResponseHeaders(), CONTENT_SECURITY_POLICY);
    }
}
