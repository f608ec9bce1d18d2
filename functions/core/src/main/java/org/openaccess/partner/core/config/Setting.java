package org.openaccess.partner.core.config;

import java.util.Optional;

/**
 * Every setting a function can read, with its default. The names are the environment variables of the
 * deployed functions (template.yaml) and of the local stack; nothing else reads the environment.
 */
public enum Setting {
    SPOTIFY_CLIENT_ID(null, Format.TEXT),
    SPOTIFY_PARTNER_ID(null, Format.PARTNER_ID),
    SPOTIFY_ACCOUNTS_URL("https://accounts.spotify.com", Format.URL),
    SPOTIFY_OPEN_ACCESS_URL("https://open-access.spotify.com/api/v1", Format.URL),
    /** Spotify's own start of the linking flow ({@code /link/{partnerId}}); only the local demo site links to it. */
    SPOTIFY_CONTENT_ACCESS_URL("https://content-access.spotify.com", Format.URL),
    CALLBACK_URL(null, Format.URL),
    PARTNER_LOGIN_URL(null, Format.URL),
    PARTNER_SESSION_COOKIE("partner_session", Format.COOKIE_NAME),
    /** Optional: when set, RS256/ES256 session tokens are verified against this JWKS. */
    PARTNER_SESSION_JWKS_URL("", Format.OPTIONAL_URL),
    ALLOWED_COMPLETION_HOSTS("spotify.com", Format.HOST_LIST),
    PARTNER_ORIGINS(null, Format.ORIGIN_LIST),
    UNLINK_RETURN_URL(null, Format.URL),
    /** Secrets Manager secret (ARN or name) holding client_secret, session_key and puid_key. */
    SECRET_ID("", Format.TEXT),
    LINK_STATES_TABLE(null, Format.TABLE_NAME),
    LINKS_TABLE(null, Format.TABLE_NAME),
    ENTITLEMENTS_TABLE(null, Format.TABLE_NAME),
    /** The partner registry of a membership platform: the slugs of {@code /link/{slug}} and their partner ids. */
    PARTNERS_TABLE(null, Format.TABLE_NAME),
    /** The reconciler's own state (cursor, verification progress), never in the links table. */
    RECONCILE_STATE_TABLE(null, Format.TABLE_NAME),
    /** Outside Lambda only: the secret's three values straight from the environment. */
    SPOTIFY_CLIENT_SECRET("", Format.TEXT),
    PARTNER_SESSION_KEY("", Format.TEXT),
    PUID_KEY("", Format.TEXT);

    private final String defaultValue;
    private final Format format;

    Setting(String defaultValue, Format format) {
        this.defaultValue = defaultValue;
        this.format = format;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    Format format() {
        return format;
    }

    /** Whether a value must be present even though a default exists (it never is: defaults make it optional). */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    enum Format {
        TEXT,
        PARTNER_ID,
        URL,
        OPTIONAL_URL,
        COOKIE_NAME,
        HOST_LIST,
        ORIGIN_LIST,
        TABLE_NAME
    }
}
