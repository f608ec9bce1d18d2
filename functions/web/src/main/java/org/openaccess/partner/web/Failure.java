package org.openaccess.partner.web;

import java.util.Objects;
import java.util.Optional;

/**
 * What a listener (or API client) is told when a request cannot go on: an HTTP status, a stable error code
 * for support and tests, a page title, a friendly message, and optionally where "try again" leads.
 * The texts are written for people and never carry a token, code, state, cookie or secret.
 *
 * @param status    4xx for bad input, 409 for a conflict, 502/503 when Spotify or AWS failed (what is not a
 *                  failure, e.g. a listener who cancels, is a {@link Notice})
 * @param code      stable, lower_snake_case
 * @param retryPath a relative path that restarts the flow (e.g. {@code /link}), if retrying can help
 */
public record Failure(int status, String code, String title, String message, Optional<String> retryPath) {
    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryPath, "retryPath");
        retryPath.ifPresent(Failure::requireRelativePath);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
    }

    public static Failure of(int status, String code, String title, String message) {
        return new Failure(status, code, title, message, Optional.empty());
    }

    /** 400: the request itself is wrong; retrying the same request won't help. */
    public static Failure badRequest(String code, String title, String message) {
        return of(400, code, title, message);
    }

    /** The same failure with a "try again" link to {@code path}. */
    public Failure withRetry(String path) {
        return new Failure(status, code, title, message, Optional.of(path));
    }

    /** "Try again" only ever leads to a path on this site, never to another host. */
    static void requireRelativePath(String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("retry path must be a relative path");
        }
    }
}
