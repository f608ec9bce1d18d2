package org.openaccess.emulator;

import java.util.List;

/**
 * A show of the catalogue with the entitlements its RSS feed carries; a user with any one of them
 * can play it. A {@code sandbox} show (Spotify's sandbox mode, changelog 1.5.0) is one a partner is still trying
 * out: completion pages list it only when the flow started from its own link.
 */
public record Show(String id, String title, List<String> entitlements, boolean sandbox) {
    public Show {
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
    }

    /** A show listed to everyone it unlocks (not in sandbox mode). */
    public Show(String id, String title, List<String> entitlements) {
        this(id, title, entitlements, false);
    }

    public String uri() {
        return "spotify:show:" + id;
    }
}
