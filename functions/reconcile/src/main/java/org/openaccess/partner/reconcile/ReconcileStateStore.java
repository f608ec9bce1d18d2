package org.openaccess.partner.reconcile;

import java.util.Optional;

/** Port: where the reconciler stands between runs, so that the next run resumes instead of starting over. */
public interface ReconcileStateStore {
    /** Empty before the first run. */
    Optional<ReconcileState> load();

    void save(ReconcileState state);
}
