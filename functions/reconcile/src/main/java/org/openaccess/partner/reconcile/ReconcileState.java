package org.openaccess.partner.reconcile;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the reconciler stands: the pass in progress, and how far the rotation of link verification got.
 *
 * @param passOpen a pass is in progress; false = the next run starts a new one
 * @param cursor where the pass in progress resumes ({@code LinkStore.linkedUsers}'s cursor; empty = its first page)
 * @param window the links the pass in progress (or the last one) verifies with Spotify
 */
public record ReconcileState(boolean passOpen, Optional<String> cursor, VerificationWindow window) {

    /** The first run of a deployment: verification starts from now, and catches up over the next period. */
    static ReconcileState first(Instant now) {
        return new ReconcileState(false, Optional.empty(), new VerificationWindow(now, now));
    }

    /** A new pass verifies the links whose turn came since the last pass's window ended. */
    ReconcileState newPass(Instant now) {
        return new ReconcileState(true, Optional.empty(), new VerificationWindow(window.to(), now));
    }

    ReconcileState at(String nextCursor) {
        return new ReconcileState(true, Optional.of(nextCursor), window);
    }

    /** The pass went through every linked user: the next run starts a new one. */
    ReconcileState passCompleted() {
        return new ReconcileState(false, Optional.empty(), window);
    }
}
