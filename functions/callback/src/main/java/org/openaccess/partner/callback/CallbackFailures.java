package org.openaccess.partner.callback;

import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.web.Failure;
import org.openaccess.partner.web.Failures;

/** The pages only the callback shows, each with its stable error code. */
final class CallbackFailures {
    /** Where a listener removes an app's access on Spotify's side. */
    static final String SPOTIFY_APPS_PAGE = "https://www.spotify.com/account/apps/";

    private CallbackFailures() {}

    static Failure authorizationFailed() {
        return startAgain(
                400,
                "authorization_failed",
                "Spotify did not approve the link",
                "Spotify ended the request without approving it. Please start again.");
    }

    static Failure stateUnknown() {
        return startAgain(
                400,
                "state_unknown",
                "This link has already been used",
                "This linking link is unknown or was already used (for example after going back in the browser). "
                        + "Please start again.");
    }

    static Failure stateExpired() {
        return startAgain(
                400,
                "state_expired",
                "This link has expired",
                "Linking has to be finished within " + LinkState.LIFETIME.toMinutes()
                        + " minutes. Please start again.");
    }

    static Failure stateFromOtherBrowser() {
        return startAgain(
                400,
                "state_other_browser",
                "Please finish linking in the same browser",
                "This link was started in another browser or the browser's cookie is gone. "
                        + "Please start again in this browser.");
    }

    static Failure codeRejected() {
        return startAgain(
                400,
                "code_rejected",
                "Spotify did not accept this approval",
                "The approval from Spotify has expired or was already used. Please start again.");
    }

    static Failure spotifyRejected() {
        return startAgain(
                502,
                "spotify_rejected",
                "Spotify refused the link",
                "Spotify refused our request to link your account. Nothing was linked. "
                        + "Please try again later or contact support with the code below.");
    }

    static Failure alreadyLinkedElsewhere() {
        return startAgain(
                409,
                "already_linked_elsewhere",
                "This Spotify account is linked to another account",
                "Your Spotify account is already linked to a different account on our site. To link it here, "
                        + "first remove the link on Spotify: open " + SPOTIFY_APPS_PAGE
                        + " , remove our access, "
                        + "then try again.");
    }

    static Failure completionHostNotAllowed() {
        return Failure.of(
                502,
                "completion_host_not_allowed",
                "Linking could not be finished",
                "Your account was linked, but Spotify sent us to a page we do not trust, so we stopped here. "
                        + "Open Spotify to see the unlocked shows.");
    }

    /** A refusal after which the listener can only start linking again: the page offers that. */
    private static Failure startAgain(int status, String code, String title, String message) {
        return Failure.of(status, code, title, message).withRetry(Failures.RESTART_PATH);
    }
}
