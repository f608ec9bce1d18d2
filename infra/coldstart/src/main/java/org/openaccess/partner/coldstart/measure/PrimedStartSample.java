package org.openaccess.partner.coldstart.measure;

/**
 * One fresh JVM started as SnapStart starts it: init, the {@code beforeCheckpoint} (priming) hooks, the request to be
 * restored, the {@code afterRestore} hooks, then one event.
 *
 * @param toCheckpointNanos     from process start to {@code /restore/next}: init plus priming, paid once per version
 * @param restoreHooksNanos     from {@code /restore/next} to the first {@code /next}: the {@code afterRestore} hooks
 * @param firstInvokeNanos      the first event's duration after priming: what a SnapStart user waits for
 * @param firstInvokeWaitNanos  of the first invoke, the time spent waiting on backends' answers (the secret read,
 *                              new connections' first requests): network, not work that priming could have done
 * @param checkpointConnections connections to backends opened before the checkpoint (stale after restore)
 */
public record PrimedStartSample(
        long toCheckpointNanos,
        long restoreHooksNanos,
        long firstInvokeNanos,
        long firstInvokeWaitNanos,
        int checkpointConnections) {

    /** The first invoke after priming less the time it waited on backends: the function's own work. */
    public long firstInvokeOwnNanos() {
        return firstInvokeNanos - firstInvokeWaitNanos;
    }
}
