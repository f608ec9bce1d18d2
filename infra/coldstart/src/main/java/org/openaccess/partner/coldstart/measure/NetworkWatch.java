package org.openaccess.partner.coldstart.measure;

/**
 * Counts connections the function under test opened to its backends (DynamoDB, Secrets Manager, Spotify), so that a
 * connection opened before a SnapStart checkpoint, which would be stale after restore, is seen.
 */
public interface NetworkWatch {

    /** No backends: nothing to count. */
    NetworkWatch NONE = new NetworkWatch() {
        @Override
        public int connectionsBetween(long fromNanos, long toNanos) {
            return 0;
        }

        @Override
        public long backendWaitNanosBetween(long fromNanos, long toNanos) {
            return 0;
        }
    };

    /** Connections accepted between two {@link System#nanoTime()} values. */
    int connectionsBetween(long fromNanos, long toNanos);

    /** Time the function spent waiting on its backends' answers between two {@link System#nanoTime()} values. */
    long backendWaitNanosBetween(long fromNanos, long toNanos);
}
