package org.openaccess.partner.unlink;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.session.SessionVerifier;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.spotify.Scopes;
import org.openaccess.partner.web.ActivePartners;
import org.openaccess.partner.web.Failure;
import org.openaccess.partner.web.FailureException;

/**
 * A listener unlinks Spotify from the partner's account page: the request must come from the partner's own
 * site and carry the partner's session; Spotify is told (unlink-user, a client-credentials token with
 * {@code user-soa-unlink}), then the link is recorded UNLINKED, which also stops every later push. The link is the
 * one of the partner the route names ({@code /unlink}: the default partner; {@code /unlink/<slug>}: an ACTIVE
 * partner of the registry); the listener's links to other partners stay.
 */
@Singleton
public record Unlinking(
        SessionVerifier sessions,
        LinkStore links,
        OpenAccessClient openAccess,
        ActivePartners partners,
        PartnerOrigin partnerOrigin,
        Settings settings,
        Clock clock) {

    /** What came of the request: every refusal is a result too, never an exception. */
    public sealed interface Result {
        /** Spotify no longer has the link (it answered 200, or 404: already gone) and it is recorded UNLINKED. */
        record Unlinked() implements Result {}

        /** There was no LINKED link to remove (e.g. a second click): nothing to do, and that is fine. */
        record WasNotLinked() implements Result {}

        /** Not done: {@code failure} is what the listener sees, {@code operatorDetail} goes to the log line only. */
        record Refused(Failure failure, String operatorDetail) implements Result {}
    }

    /**
     * @param slug    the route's slug ({@code /unlink/<slug>}), empty on {@code /unlink}
     * @param headers the request's headers, names in lower case
     */
    public Result unlink(Optional<String> slug, Map<String, String> headers, Optional<String> sessionCookie) {
        if (!partnerOrigin.allows(headers)) {
            return new Result.Refused(UnlinkFailures.csrfRejected(), "not from a partner origin");
        }
        PartnerRoute partner;
        try {
            partner = slug.map(partners::bySlug).orElseGet(partners::defaultPartner);
        } catch (FailureException unknownPartner) {
            return new Result.Refused(unknownPartner.failure(), "no ACTIVE partner with this slug");
        }
        SessionCheck check = sessions.verify(sessionCookie);
        if (!(check instanceof SessionCheck.Valid valid)) {
            String why = check instanceof SessionCheck.Invalid invalid
                    ? "session_invalid:" + invalid.reason()
                    : "session_missing";
            return new Result.Refused(UnlinkFailures.sessionRequired(), why);
        }
        String partnerId = partner.partnerId();
        Membership membership = new Membership(valid.session().userId(), partnerId);
        Optional<Link> link = links.find(membership).filter(Link::isLinked);
        if (link.isEmpty()) {
            return new Result.WasNotLinked();
        }
        return switch (openAccess.unlinkUser(partnerId, link.get().partnerUserId())) {
            case OpenAccessResult.Ok<Void> ok -> recordUnlinked(membership);
            case OpenAccessResult.NotLinked<Void> alreadyGone -> recordUnlinked(membership);
            case OpenAccessResult.Rejected<Void> rejected
            when "invalid_scope".equals(rejected.reason()) ->
                new Result.Refused(
                        UnlinkFailures.notAllowed(),
                        "Spotify refused a client-credentials token for "
                                + Scopes.UNLINK + " (invalid_scope): client " + settings.clientId()
                                + " is not allow-listed for "
                                + "unlinking yet; ask Spotify to enable " + Scopes.UNLINK + " for it");
            case OpenAccessResult.Rejected<Void> rejected ->
                new Result.Refused(
                        UnlinkFailures.refusedBySpotify(),
                        "unlink-user refused: HTTP " + rejected.status() + " " + rejected.reason());
            case OpenAccessResult.Conflict<Void> conflict ->
                new Result.Refused(UnlinkFailures.refusedBySpotify(), "unlink-user answered " + conflict.status());
            case OpenAccessResult.Retryable<Void> retryable ->
                new Result.Refused(UnlinkFailures.spotifyUnavailable(), "unlink-user: " + retryable.reason());
        };
    }

    private Result recordUnlinked(Membership membership) {
        links.recordUnlinked(membership, clock.instant());
        return new Result.Unlinked();
    }
}
