package org.openaccess.partner.reconcile;

import java.util.Optional;

/**
 * Port: where the reconciler stands between runs, so that the next run resumes instead of starting over. Segments
 * save their progress independently (from several threads at once), so a store updates one segment's entry
 * without touching the others'.
 */
public interface ReconcileStateStore {
    /** Empty before the first run. */
    Optional<ReconcileState> load();

    /** A new pass: replaces everything (window, segment count, no progress yet). */
    void startPass(ReconcileState state);

    /** One segment's progress in the pass in progress. */
    void saveProgress(int segment, SegmentProgress progress);

    /** Every segment is done: the next run starts a new pass. */
    void completePass();
}
