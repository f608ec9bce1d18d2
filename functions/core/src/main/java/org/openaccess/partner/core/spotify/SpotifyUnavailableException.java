package org.openaccess.partner.core.spotify;

import java.time.Duration;
import java.util.Optional;

/**
 * Spotify could not be reached or answered with something that is not an answer: 5xx, 429, a non-JSON
 * body, a timeout, a dropped connection. Retrying later may work. Never carries a token or code.
 */
public final class SpotifyUnavailableException extends Exception {
    private final int status;
    private final Optional<Duration> retryAfter;

    /** @param status the HTTP status, or 0 when there was no HTTP answer at all */
    public SpotifyUnavailableException(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
