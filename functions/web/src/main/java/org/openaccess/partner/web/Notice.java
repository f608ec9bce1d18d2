package org.openaccess.partner.web;

import java.util.Objects;
import java.util.Optional;

/**
 * A page that is not an error (status 200): the listener chose something, e.g. not to link. Like a
 * {@link Failure} it has a stable code for support and tests, a title, a friendly message and optionally a
 * "try again" link, and it never carries a token, code, state, cookie or secret.
 */
public record Notice(String code, String title, String message, Optional<String> retryPath) {
    public Notice {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        retryPath.ifPresent(Failure::requireRelativePath);
    }
}
