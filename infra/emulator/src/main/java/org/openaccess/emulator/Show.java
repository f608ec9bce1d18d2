package org.openaccess.emulator;

import java.util.List;

/**
 * A show of the catalogue with the entitlements its RSS feed carries; a user with any one of them
 * can play it.
 */
public record Show(String id, String title, List<String> entitlements) {
    public Show {
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
    }

    public String uri() {
        return "spotify:show:" + id;
    }
}
