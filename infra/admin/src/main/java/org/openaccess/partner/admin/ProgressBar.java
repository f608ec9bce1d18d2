package org.openaccess.partner.admin;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar on the terminal's stderr ({@code [=====>    ] 42/100 42%  0:12 elapsed}), redrawn in
 * place at most every 100 ms and once more at the end. Off with {@code --json} (stdout then holds one document,
 * stderr only failures). No library of the kind resolves in this build (me.tongfei:progressbar is not available),
 * and this needs forty lines.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final Duration REDRAW = Duration.ofMillis(100);

    private final PrintWriter terminal;
    private final String task;
    private final Clock clock;
    private final Instant started;
    private final boolean visible;
    private long total;
    private long done;
    private Instant drawnAt = Instant.EPOCH;

    ProgressBar(PrintWriter terminal, String task, long total, boolean visible, Clock clock) {
        this.terminal = terminal;
        this.task = task;
        this.total = Math.max(total, 0);
        this.visible = visible;
        this.clock = clock;
        this.started = clock.instant();
    }

    synchronized void step() {
        step(1);
    }

    synchronized void step(int items) {
        done += items;
        // The total was counted before the run: items added meanwhile grow it, never a bar past 100 %.
        total = Math.max(total, done);
        Instant now = clock.instant();
        if (Duration.between(drawnAt, now).compareTo(REDRAW) >= 0) {
            draw(now);
        }
    }

    synchronized long done() {
        return done;
    }

    /** The line as drawn, for tests and the final redraw. */
    synchronized String line(Instant now) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        long percent = total == 0 ? 100 : 100 * done / total;
        long seconds = Duration.between(started, now).toSeconds();
        return String.format(
                "%s [%s] %d/%d %d%%  %d:%02d elapsed", task, bar, done, total, percent, seconds / 60, seconds % 60);
    }

    private void draw(Instant now) {
        drawnAt = now;
        if (visible) {
            terminal.print("\r" + line(now));
            terminal.flush();
        }
    }

    @Override
    public synchronized void close() {
        draw(clock.instant());
        if (visible) {
            terminal.println();
            terminal.flush();
        }
    }
}
