package org.openaccess.partner.core.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Answers DynamoDB throttling with a wait instead of a failure: retries a call that threw {@link
 * StorageThrottledException} with exponential backoff and full jitter, as long as the next attempt would start
 * before the deadline; then throws the last one. Any other failure passes through at once. Jitter only spreads
 * retries apart (not security-relevant), so it comes from {@link ThreadLocalRandom}.
 */
public record ThrottlingBackoff(Clock clock, Duration first, Duration max) {
    public static final Duration FIRST = Duration.ofMillis(50);
    public static final Duration MAX = Duration.ofSeconds(5);

    public ThrottlingBackoff(Clock clock) {
        this(clock, FIRST, MAX);
    }

    public <T> T call(Supplier<T> call, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (StorageThrottledException throttled) {
                Duration wait = wait(attempt);
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw throttled;
                }
                sleep(wait, throttled);
            }
        }
    }

    public void run(Runnable call, Instant deadline) {
        call(
                () -> {
                    call.run();
                    return null;
                },
                deadline);
    }

    /** Full jitter: uniform in [1 ms, min(max, first * 2^attempt)]. */
    Duration wait(int attempt) {
        long ceiling = Math.min(first.toMillis() << Math.min(attempt, 16), max.toMillis());
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(Math.max(ceiling, 1)));
    }

    /** The wait before retry number {@code attempt} (0 = the first retry), for stores retrying unprocessed keys. */
    public void pause(int attempt, StorageUnavailableException ifInterrupted) {
        sleep(wait(attempt), ifInterrupted);
    }

    private static void sleep(Duration wait, StorageUnavailableException cause) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
