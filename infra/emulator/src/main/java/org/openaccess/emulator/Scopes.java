package org.openaccess.emulator;

import java.util.Set;

/** The Open Access scopes and their kind: user scopes come with a user's consent, service scopes with client credentials. */
public final class Scopes {
    public static final String LINK = "user-soa-link";
    public static final String UNLINK = "user-soa-unlink";
    public static final String MANAGE_ENTITLEMENTS = "soa-manage-entitlements";
    public static final String MANAGE_PARTNER = "soa-manage-partner";
    public static final String CREATE_PARTNER = "soa-create-partner";

    public static final Set<String> USER = Set.of(LINK);
    // user-soa-unlink is granted through client credentials despite its name (see the facts page).
    public static final Set<String> SERVICE = Set.of(UNLINK, MANAGE_ENTITLEMENTS, MANAGE_PARTNER, CREATE_PARTNER);
    public static final Set<String> ALL = Set.of(LINK, UNLINK, MANAGE_ENTITLEMENTS, MANAGE_PARTNER, CREATE_PARTNER);

    private Scopes() {}
}
