package org.openaccess.partner.reconcile;

import java.util.Optional;

/** Port: where the reconciler stopped, so that the next run resumes there instead of starting over. */
public interface ReconcileCursorStore {
    /** The saved cursor of {@code LinkStore.linkedUsers}; empty = start of a new pass. */
    Optional<String> load();

    void save(String cursor);

    /** A pass went through every linked user: the next run starts a new one. */
    void passCompleted();
}
