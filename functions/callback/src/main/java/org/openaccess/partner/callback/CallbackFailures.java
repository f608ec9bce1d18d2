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
        return Failure.badRequest(
                        "authorization_failed",
                        "Spotify did not approve the link",
                        "Spotify ended the request without approving it. Please start again.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure stateUnknown() {
        return Failure.badRequest(
                        "state_unknown",
                        "This link has already been used",
                        "This linking link is unknown or was already used (for example after going back in the browser). "
                                + "Please start again.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure stateExpired() {
        return Failure.badRequest(
                        "state_expired",
                        "This link has expired",
                        "Linking has to be finished within " + LinkState.LIFETIME.toMinutes()
                                + " minutes. Please start again.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure stateFromOtherBrowser() {
        return Failure.badRequest(
                        "state_other_browser",
                        "Please finish linking in the same browser",
                        "This link was started in another browser or the browser's cookie is gone. "
                                + "Please start again in this browser.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure codeRejected() {
        return Failure.badRequest(
                        "code_rejected",
                        "Spotify did not accept this approval",
                        "The approval from Spotify has expired or was already used. Please start again.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure spotifyRejected() {
        return Failure.of(
                        502,
                        "spotify_rejected",
                        "Spotify refused the link",
                        "Spotify refused our request to link your account. Nothing was linked. "
                                + "Please try again later or contact support with the code below.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure alreadyLinkedElsewhere() {
        return Failure.of(
                        409,
                        "already_linked_elsewhere",
                        "This Spotify account is linked to another account",
                        "Your Spotify account is already linked to a different account on our site. To link it here, "
                                + "first remove the link on Spotify: open " + SPOTIFY_APPS_PAGE
                                + " , remove our access, "
                                + "then try again.")
                .withRetry(Failures.RESTART_PATH);
    }

    static Failure completionHostNotAllowed() {
        return Failure.of(
                502,
                "completion_host_not_allowed",
                "Linking could not be finished",
                "Your account was linked, but Spotify sent us to a page we do not trust, so we stopped here. "
                        + "Open Spotify to see the unlocked shows.");
    }
}
