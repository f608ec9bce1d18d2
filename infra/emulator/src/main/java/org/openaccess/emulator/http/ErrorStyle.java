package org.openaccess.emulator.http;

/** How an endpoint family shows a {@link Rejection}, matching what Spotify's own service of that kind does. */
public enum ErrorStyle {
    /** Open Access and developer APIs: {@code {"error":{"status":..,"code":..,"message":..}}}. */
    API_JSON,
    /** Accounts token endpoint: {@code {"error":"invalid_grant","error_description":".."}}. */
    OAUTH_JSON,
    /** Pages a browser shows: an HTML error page. */
    HTML_PAGE
}
