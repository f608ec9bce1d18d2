package org.openaccess.partner.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where the reconciler stands: the pass in progress, segment by segment, and how far the rotation of link
 * verification got.
 *
 * @param passOpen a pass is in progress; false = the next run starts a new one
 * @param segments the scan segments the pass in progress was split into (0 before the first pass)
 * @param progress how far each segment got (a segment not in it starts at its beginning)
 * @param window the links the pass in progress (or the last one) verifies with Spotify
 */
public record ReconcileState(
        boolean passOpen, int segments, Map<Integer, SegmentProgress> progress, VerificationWindow window) {

    public ReconcileState {
        progress = Map.copyOf(progress);
    }

    /** The first run of a deployment: verification starts from now, and catches up over the next period. */
    static ReconcileState first(Instant now) {
        return new ReconcileState(false, 0, Map.of(), new VerificationWindow(now, now));
    }

    /** A new pass verifies the links whose turn came since the last pass's window ended. */
    ReconcileState newPass(Instant now, int segmentCount) {
        return new ReconcileState(true, segmentCount, Map.of(), new VerificationWindow(window.to(), now));
    }

    SegmentProgress of(int segment) {
        return progress.getOrDefault(segment, SegmentProgress.START);
    }

    /** The segments still to walk in this pass. */
    int[] pending() {
        return IntStream.range(0, segments).filter(i -> !of(i).done()).toArray();
    }
}
