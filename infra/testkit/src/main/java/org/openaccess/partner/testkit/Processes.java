package org.openaccess.partner.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending a process the tests started: politely first, as a service manager would. */
public final class Processes {
    private Processes() {}

    /** SIGTERM, then SIGKILL if the process has not ended within {@code grace}. */
    public static void terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
