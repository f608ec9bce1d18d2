package org.openaccess.partner.reconcile;

/**
 * What one run did; the handler's answer (visible in the invocation's result and logged).
 *
 * @param checked      linked users looked at
 * @param sent         users whose set differed and was sent
 * @param deferred     users Spotify could not take in time (retried on the next pass)
 * @param passComplete the run reached the end of the links table; the next run starts a new pass
 */
public record ReconcileReport(
        int checked,
        int sent,
        int unchanged,
        int unlinkedBySpotify,
        int deferred,
        int rejected,
        boolean passComplete) {}
