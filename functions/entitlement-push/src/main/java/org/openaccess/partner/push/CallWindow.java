package org.openaccess.partner.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Spotify calls of one function container: how many may be in flight now, and until when none may start.
 *
 * <p>The window adapts as TCP's congestion window does (additive increase, multiplicative decrease): it starts
 * small and grows by one per answered call up to {@link #SLOW_START_LIMIT} (or the size it had at the last sign of
 * overload), then by one per window's worth of answers, never above {@code bound}: a fresh container finds a rate
 * limit with a small window, so the calls it has in flight when the first 429 comes back are few whatever the
 * bound. A 429, or a run of {@link #FAILURE_RUN} failed calls (5xx, no answer),
 * halves it, once per window: calls already in flight when it shrank do not shrink it again. Either also pauses
 * every sender of the container: for the 429's {@code Retry-After} when Spotify gave one, otherwise for a pause
 * that starts at {@link #FIRST_PAUSE} and doubles with each push-back until an answer comes (at most
 * {@link #LONGEST_PAUSE}). Spotify sees one client backing off, not threads each retrying on their own. So a
 * larger bound does not mean more rejected calls: when Spotify pushes back, the window decides, not the bound.
 *
 * <p>Kept for the container's life, so a warm container starts each batch at the window the last one reached.
 */
final class CallWindow {
    /** Where a fresh container starts: enough to fill quickly, few enough not to burst into a rate limit. */
    static final int INITIAL = 4;
    /** Growth by one per answer stops here: about 300 calls per second at 100 ms, near a typical rate limit. */
    static final int SLOW_START_LIMIT = 32;
    /** Consecutive failed calls that count as Spotify being overloaded, not as one unlucky call. */
    static final int FAILURE_RUN = 5;
    /** The first shared pause without a Retry-After: as short as the sync's own first backoff. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    /** The sync's own longest backoff: a longer outage is the time budget's business, not the window's. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** How a call ended, as far as Spotify's load goes. */
    enum Answer {
        /** Any answer that is not overload: 2xx, 404, a 4xx rejection. */
        ANSWERED,
        /** 429. */
        THROTTLED,
        /** 5xx, a timeout, no answer at all. */
        FAILED
    }

    /** Leave to call Spotify; {@code generation} tells whether the window shrank since it was given. */
    record Permit(long generation) {}

    private final int bound;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private double window;
    private double growthLimit;
    private int inFlight;
    private Instant pausedUntil = Instant.EPOCH;
    private long generation;
    private int failureRun;
    /** Push-backs since the last answer: the next pause without a Retry-After is FIRST_PAUSE * 2^this. */
    private int pushBacks;

    private long throttled;

    CallWindow(int bound, Clock clock) {
        if (bound < 1) {
            throw new IllegalArgumentException("the bound on calls in flight must be at least 1");
        }
        this.bound = bound;
        this.clock = clock;
        this.window = Math.min(INITIAL, bound);
        this.growthLimit = Math.min(SLOW_START_LIMIT, bound);
    }

    /**
     * Waits for a place in the window and for any shared pause to end. Empty when that would be after
     * {@code deadline} (the caller defers instead of calling), or when interrupted.
     */
    Optional<Permit> enter(Instant deadline) {
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                if (!now.isBefore(deadline) || !pausedUntil.isBefore(deadline)) {
                    return Optional.empty();
                }
                Instant wakeAt;
                if (now.isBefore(pausedUntil)) {
                    wakeAt = pausedUntil;
                } else if (inFlight < slots()) {
                    inFlight++;
                    return Optional.of(new Permit(generation));
                } else {
                    wakeAt = deadline; // or earlier, when a call leaves
                }
                long nanos = Duration.between(now, wakeAt).toNanos();
                if (nanos > 0) {
                    changed.await(nanos, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The call made under {@code permit} ended so; {@code retryAfter} is Spotify's, for a 429. */
    void leave(Permit permit, Answer answer, Optional<Duration> retryAfter) {
        lock.lock();
        try {
            inFlight--;
            switch (answer) {
                case ANSWERED -> {
                    failureRun = 0;
                    pushBacks = 0;
                    window = Math.min(bound, window < growthLimit ? window + 1 : window + 1 / window);
                }
                case THROTTLED -> {
                    throttled++;
                    pushBack(permit, retryAfter);
                }
                case FAILED -> {
                    if (++failureRun >= FAILURE_RUN) {
                        failureRun = 0;
                        pushBack(permit, Optional.empty());
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Calls that may be in flight now. */
    int slots() {
        lock.lock();
        try {
            return Math.max(1, (int) window);
        } finally {
            lock.unlock();
        }
    }

    /** How long every sender still has to wait, if a pause is on. */
    Optional<Duration> pauseLeft() {
        lock.lock();
        try {
            Instant now = clock.instant();
            return now.isBefore(pausedUntil) ? Optional.of(Duration.between(now, pausedUntil)) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** 429s seen by this container, for the batch's log line. */
    long throttled() {
        lock.lock();
        try {
            return throttled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pauses every sender and halves the window, once per burst: a call sent before the last push-back only
     * stretches the pause to its own Retry-After, it neither doubles the pause nor halves the window again.
     */
    private void pushBack(Permit permit, Optional<Duration> retryAfter) {
        if (permit.generation() != generation) {
            retryAfter.ifPresent(this::pauseAll);
            return;
        }
        Duration doubling = FIRST_PAUSE.multipliedBy(1L << Math.min(pushBacks++, 10));
        Duration pause = doubling.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubling;
        pauseAll(retryAfter.filter(after -> after.compareTo(pause) > 0).orElse(pause));
        generation++;
        window = Math.max(1, window / 2);
        growthLimit = window;
    }

    private void pauseAll(Duration pause) {
        Instant until = clock.instant().plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }
}
