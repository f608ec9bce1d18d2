package org.openaccess.partner.unlink;

import org.openaccess.partner.web.Failure;
import org.openaccess.partner.web.Failures;

/** What the listener is told when unlinking cannot go on; stable codes, friendly words, no secrets. */
final class UnlinkFailures {
    private UnlinkFailures() {}

    static Failure csrfRejected() {
        return Failure.of(
                403,
                "csrf_rejected",
                "This request did not come from our site",
                "For your safety, unlinking only works from your account page. Go back to it and try again.");
    }

    static Failure sessionRequired() {
        return Failure.of(
                401,
                "session_required",
                "Please log in first",
                "Log in to your account, then unlink Spotify from your account page.");
    }

    static Failure notAllowed() {
        return Failure.of(
                502,
                "unlink_not_allowed",
                "Unlinking is not available yet",
                "Spotify has not enabled unlinking for us yet, so your accounts are still linked. You can unlink "
                        + "at any time from Spotify's side, in your Spotify account's settings.");
    }

    static Failure refusedBySpotify() {
        return Failure.of(
                502,
                "unlink_failed",
                "Spotify did not accept the request",
                "Your accounts are still linked. Please try again later, or unlink from Spotify's side.");
    }

    /** The shared outage, in unlinking's words and without the "try again" link that restarts linking. */
    static Failure spotifyUnavailable() {
        Failure outage = Failures.spotifyUnavailable();
        return Failure.of(
                outage.status(),
                outage.code(),
                outage.title(),
                "Nothing was changed and your accounts are still linked. Please try again in a minute.");
    }
}
