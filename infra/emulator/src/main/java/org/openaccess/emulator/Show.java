package org.openaccess.emulator;

import java.util.List;

/**
 * A show of the catalogue with the entitlements its RSS feed carries; a user with any one of them
 * can play it. A {@code sandbox} show (Spotify's sandbox mode, changelog 1.5.0) is one a partner is still trying
 * out: completion pages list it only when the flow started from its own link.
 *
 * @param partnerId the partner whose show it is; {@code null} for a show of every configured partner (a single
 *                  publisher's catalogue). Partners made with create-partner have only the shows added for them.
 */
public record Show(String id, String title, List<String> entitlements, boolean sandbox, String partnerId) {
    public Show {
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
    }

    /** A show of every configured partner. */
    public Show(String id, String title, List<String> entitlements, boolean sandbox) {
        this(id, title, entitlements, sandbox, null);
    }

    /** A show of every configured partner, listed to everyone it unlocks (not in sandbox mode). */
    public Show(String id, String title, List<String> entitlements) {
        this(id, title, entitlements, false, null);
    }

    /** The same show, belonging to one partner only. */
    public Show ofPartner(String owner) {
        return new Show(id, title, entitlements, sandbox, owner);
    }

    public String uri() {
        return "spotify:show:" + id;
    }
}
