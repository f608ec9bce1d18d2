package org.openaccess.partner.core.spotify;

/** The OAuth scopes of Spotify's Open Access API, each named once. */
public final class Scopes {
    /** The listener's consent on /authorize, and the user token register-user takes. */
    public static final String USER_LINK = "user-soa-link";
    /** unlink-user, with a client-credentials token; Spotify enables it per client. */
    public static final String UNLINK = "user-soa-unlink";
    /** get-, add-, delete- and replace-entitlements. */
    public static final String ENTITLEMENTS = "soa-manage-entitlements";
    /** create-partner (platform partners). */
    public static final String CREATE_PARTNER = "soa-create-partner";
    /** upload-logo. */
    public static final String MANAGE_PARTNER = "soa-manage-partner";

    private Scopes() {}
}
