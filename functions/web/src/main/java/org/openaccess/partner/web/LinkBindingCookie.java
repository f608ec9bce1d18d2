package org.openaccess.partner.web;

import java.time.Duration;
import org.openaccess.partner.core.linking.LinkState;

/**
 * The browser-binding cookie of the linking flow: the entrypoint sets a random nonce, the callback requires it
 * (its hash is stored with the state), so a state that leaks cannot be completed from another browser.
 * {@code __Host-}: only this host, Secure, Path=/; HttpOnly (no script reads it); SameSite=Lax, so it still
 * comes along on Spotify's top-level redirect back to the callback.
 */
public final class LinkBindingCookie {
    public static final String NAME = "__Host-soa_link";
    /** As long as the state it belongs to. */
    public static final Duration MAX_AGE = LinkState.LIFETIME;

    private LinkBindingCookie() {}

    /** The Set-Cookie value that gives the browser {@code nonce}. */
    public static String set(String nonce) {
        return NAME + "=" + nonce + "; Path=/; Max-Age=" + MAX_AGE.toSeconds() + "; Secure; HttpOnly; SameSite=Lax";
    }

    /** The Set-Cookie value that removes it once the callback has used it. */
    public static String clear() {
        return NAME + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax";
    }
}
