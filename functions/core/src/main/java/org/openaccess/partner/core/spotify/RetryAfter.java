package org.openaccess.partner.core.spotify;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The Retry-After header, in either of its forms (delay seconds or an HTTP date). */
final class RetryAfter {
    private static final Duration LONGEST = Duration.ofHours(1);

    private RetryAfter() {}

    static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After").flatMap(value -> parse(value.trim(), clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        Duration delay;
        if (value.matches("\\d{1,9}")) {
            delay = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                delay = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        // A nonsense value must not park a retry for days.
        return Optional.of(delay.compareTo(LONGEST) > 0 ? LONGEST : delay);
    }
}
