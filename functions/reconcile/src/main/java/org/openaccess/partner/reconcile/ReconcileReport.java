package org.openaccess.partner.reconcile;

/**
 * What one run did; the handler's answer (visible in the invocation's result and logged).
 *
 * @param checked           linked users looked at
 * @param sent              users whose set differed and was sent
 * @param unchanged         users whose set Spotify already had (or who were unlinked here meanwhile)
 * @param unlinkedBySpotify users whose replace-entitlements got a 404: recorded UNLINKED
 * @param deferred          users Spotify could not take in time (retried on the next pass)
 * @param rejected          users Spotify refused for good (logged as errors for the operator)
 * @param verified          links whose turn for verification came and that Spotify confirmed (get-entitlements)
 * @param foundUnlinked     links whose turn came and that Spotify no longer has (the listener unlinked there):
 *                          recorded UNLINKED
 * @param passComplete      the run reached the end of the links table; the next run starts a new pass
 */
public record ReconcileReport(
        int checked,
        int sent,
        int unchanged,
        int unlinkedBySpotify,
        int deferred,
        int rejected,
        int verified,
        int foundUnlinked,
        boolean passComplete) {}
