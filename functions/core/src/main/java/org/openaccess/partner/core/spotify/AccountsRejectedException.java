package org.openaccess.partner.core.spotify;

/**
 * Spotify Accounts answered 400 with an OAuth error: {@code invalid_grant}, {@code invalid_client},
 * {@code invalid_scope}, {@code invalid_request}, {@code unsupported_grant_type}, or another code.
 * The description is Spotify's text (it never echoes a code or token back).
 */
public final class AccountsRejectedException extends Exception {
    private final String error;
    private final String description;

    public AccountsRejectedException(String error, String description) {
        super(error + (description == null || description.isEmpty() ? "" : ": " + description));
        this.error = error;
        this.description = description == null ? "" : description;
    }

    /** The OAuth {@code error} code, e.g. {@code invalid_grant}. */
    public String error() {
        return error;
    }

    public String description() {
        return description;
    }

    public boolean is(String errorCode) {
        return error.equals(errorCode);
    }
}
