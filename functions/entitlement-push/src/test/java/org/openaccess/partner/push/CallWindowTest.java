package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window on a stopped clock: every decision here is made without waiting. */
class CallWindowTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant DEADLINE = NOW.plusSeconds(30);
    private final CallWindow window = new CallWindow(64, Clock.fixed(NOW, ZoneOffset.UTC));

    private CallWindow.Permit enter() {
        return window.enter(DEADLINE).orElseThrow(() -> new AssertionError("no place in the window"));
    }

    private void answered(int calls) {
        for (int i = 0; i < calls; i++) {
            window.leave(enter(), CallWindow.Answer.ANSWERED, Optional.empty());
        }
    }

    @Test
    void startsSmallGrowsByOnePerAnswerUpToTheSlowStartLimitThenByOnePerWindowOfAnswers() {
        assertEquals(CallWindow.INITIAL, window.slots());
        answered(10);
        assertEquals(CallWindow.INITIAL + 10, window.slots());
        answered(CallWindow.SLOW_START_LIMIT - CallWindow.INITIAL - 10);
        assertEquals(CallWindow.SLOW_START_LIMIT, window.slots());
        answered(CallWindow.SLOW_START_LIMIT + 1);
        assertEquals(CallWindow.SLOW_START_LIMIT + 1, window.slots(), "a window's worth of answers: one more");
    }

    @Test
    void neverAboveTheBound() {
        CallWindow small = new CallWindow(8, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 100; i++) {
            small.leave(small.enter(DEADLINE).orElseThrow(), CallWindow.Answer.ANSWERED, Optional.empty());
        }
        assertEquals(8, small.slots());
    }

    @Test
    void aFullWindowLetsNoOneElseInBeforeTheDeadline() {
        List<CallWindow.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < CallWindow.INITIAL; i++) {
            inFlight.add(enter());
        }
        // The clock stands still at the deadline: waiting for a place would wait past it.
        assertEquals(Optional.empty(), window.enter(NOW));
        window.leave(inFlight.getFirst(), CallWindow.Answer.ANSWERED, Optional.empty());
        assertTrue(window.enter(DEADLINE).isPresent(), "a call that left makes room");
    }

    @Test
    void a429HalvesTheWindowOncePerBurstAndPausesEverySenderForItsRetryAfter() {
        answered(28); // window 32
        List<CallWindow.Permit> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(enter());
        }
        for (CallWindow.Permit permit : burst) {
            window.leave(permit, CallWindow.Answer.THROTTLED, Optional.of(Duration.ofSeconds(3)));
        }
        assertEquals(16, window.slots(), "twenty 429s of calls sent together halve it once");
        assertEquals(Optional.of(Duration.ofSeconds(3)), window.pauseLeft());
        assertEquals(20, window.throttled());
        assertEquals(Optional.empty(), window.enter(NOW.plusSeconds(2)), "the pause outlasts this deadline");
    }

    @Test
    void afterAHalvingTheWindowGrowsByOnePerWindowOfAnswersOnceThePauseIsOver() {
        MovableClock clock = new MovableClock(NOW);
        CallWindow window = new CallWindow(64, clock);
        for (int i = 0; i < 28; i++) {
            window.leave(window.enter(DEADLINE).orElseThrow(), CallWindow.Answer.ANSWERED, Optional.empty());
        }
        window.leave(window.enter(DEADLINE).orElseThrow(), CallWindow.Answer.THROTTLED, Optional.empty());
        assertEquals(16, window.slots());
        assertEquals(Optional.of(CallWindow.FIRST_PAUSE), window.pauseLeft(), "no Retry-After: the first pause");

        clock.now = NOW.plus(CallWindow.FIRST_PAUSE);
        for (int i = 0; i < 17; i++) {
            window.leave(window.enter(DEADLINE).orElseThrow(), CallWindow.Answer.ANSWERED, Optional.empty());
        }
        assertEquals(17, window.slots(), "seventeen answers at 16 grow it by one, not to 33");
    }

    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRunOfFailuresPausesAndHalvesButFailuresBetweenAnswersDoNot() {
        answered(12); // window 16
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < CallWindow.FAILURE_RUN - 1; i++) {
                window.leave(enter(), CallWindow.Answer.FAILED, Optional.empty());
            }
            window.leave(enter(), CallWindow.Answer.ANSWERED, Optional.empty());
        }
        assertEquals(19, window.slots(), "a third of the calls failing, never five in a row: no push-back");
        assertEquals(Optional.empty(), window.pauseLeft());

        for (int i = 0; i < CallWindow.FAILURE_RUN; i++) {
            window.leave(enter(), CallWindow.Answer.FAILED, Optional.empty());
        }
        assertEquals(9, window.slots());
        assertEquals(Optional.of(CallWindow.FIRST_PAUSE), window.pauseLeft());
    }
}
