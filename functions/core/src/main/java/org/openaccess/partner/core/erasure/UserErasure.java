package org.openaccess.partner.core.erasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.erasure.ErasureReport.MembershipErasure;
import org.openaccess.partner.core.erasure.ErasureReport.SpotifyStep;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;

/**
 * Account deletion of one partner user: for every membership, unlink at Spotify when it is LINKED, then delete the
 * link and the entitlements item; finally delete the user's pending link states. A membership whose unlink fails
 * keeps all of its items (its link above all: it holds the PUID the next unlink needs), so running the erasure again
 * finishes it. Idempotent: a second run finds nothing and does nothing. Used by {@code ./admin erase-user} and by the
 * erase-user function (the partner's own systems).
 */
public record UserErasure(UserRecords records, LinkStore links, OpenAccessClient openAccess) {

    public ErasureReport erase(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A user id is required");
        }
        List<MembershipErasure> done = new ArrayList<>();
        boolean complete = true;
        for (Membership membership : records.memberships(userId)) {
            MembershipErasure erased = erase(membership);
            complete &= erased.spotify() != SpotifyStep.FAILED;
            done.add(erased);
        }
        int states = records.deletePendingLinkStates(userId);
        return new ErasureReport(userId, List.copyOf(done), states, complete);
    }

    private MembershipErasure erase(Membership membership) {
        Optional<Link> link = links.find(membership).filter(Link::isLinked);
        SpotifyStep spotify = SpotifyStep.NOT_LINKED;
        String detail = "";
        if (link.isPresent()) {
            OpenAccessResult<Void> result =
                    openAccess.unlinkUser(membership.partnerId(), link.get().partnerUserId());
            switch (result) {
                case OpenAccessResult.Ok<Void> ok -> spotify = SpotifyStep.UNLINKED;
                case OpenAccessResult.NotLinked<Void> gone -> spotify = SpotifyStep.ALREADY_UNLINKED;
                case OpenAccessResult.Retryable<Void> retry -> {
                    spotify = SpotifyStep.FAILED;
                    detail = describe(retry.status(), retry.reason());
                }
                case OpenAccessResult.Rejected<Void> rejected -> {
                    spotify = SpotifyStep.FAILED;
                    detail = describe(rejected.status(), rejected.reason());
                }
                case OpenAccessResult.Conflict<Void> conflict -> {
                    spotify = SpotifyStep.FAILED;
                    detail = describe(conflict.status(), "conflict");
                }
            }
        }
        if (spotify == SpotifyStep.FAILED) {
            return new MembershipErasure(membership.partnerId(), spotify, detail, false, false);
        }
        // Entitlements first: a crash between the two deletes leaves the link, so the next run still finds the user.
        boolean entitlementsDeleted = records.deleteEntitlements(membership);
        boolean linkDeleted = records.deleteLink(membership);
        return new MembershipErasure(membership.partnerId(), spotify, "", linkDeleted, entitlementsDeleted);
    }

    private static String describe(int status, String reason) {
        return status == 0 ? reason : "HTTP " + status + ": " + reason;
    }
}
