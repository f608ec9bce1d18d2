package org.openaccess.partner.admin;

import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.identity.Membership;

/**
 * Port: the push's failure queue, where Lambda puts a stream batch that exhausted its retries. Each entry names the
 * memberships of that batch; the sync re-reads their current sets, so the keys are all a redrive needs.
 */
interface FailureQueue {
    /** Entries waiting now (approximate, as SQS counts); the progress bar's total. */
    long approximateDepth();

    /** Up to {@code max} entries, hidden from other readers while this run works on them; empty when drained. */
    List<FailedBatch> receive(int max);

    /** The entry is redriven: remove it from the queue. */
    void remove(FailedBatch batch);

    /**
     * One failed stream batch.
     *
     * @param handle what {@link #remove} needs
     * @param memberships its records' keys, each once
     * @param unreadable why its records cannot be read back (the stream keeps them 24 hours), when so
     */
    record FailedBatch(String handle, List<Membership> memberships, Optional<String> unreadable) {}
}
