package org.openaccess.partner.core.spotify;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one Open Access call, typed by what the caller must do next. Error bodies are
 * undocumented, so the adapter branches on the HTTP status only.
 */
public sealed interface OpenAccessResult<T> {

    /** 200: the call took effect. */
    record Ok<T>(T value) implements OpenAccessResult<T> {}

    /** 404 from the entitlement endpoints or unlink-user: no such link; stop sending updates for it. */
    record NotLinked<T>() implements OpenAccessResult<T> {}

    /** register-user: the Spotify account is already linked to another partner user (1:1 rule). */
    record Conflict<T>(int status) implements OpenAccessResult<T> {}

    /**
     * A permanent refusal: 400 malformed, 401/403 unauthorized or missing scope, or a token request
     * refused ({@code reason} is then the OAuth error, e.g. {@code invalid_scope}). Retrying won't help.
     */
    record Rejected<T>(int status, String reason) implements OpenAccessResult<T> {}

    /** 429, 5xx, timeout or dropped connection (status 0): try again later, after {@code retryAfter} if given. */
    record Retryable<T>(int status, Optional<Duration> retryAfter, String reason) implements OpenAccessResult<T> {}
}
