package org.openaccess.partner.web;

import java.util.Optional;
import org.openaccess.partner.core.secrets.PartnerMisconfiguredException;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.spotify.SpotifyUnavailableException;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;

/** The failures every HTTP function shares, and which exception means which. */
public final class Failures {
    /** Where every "try again" link leads: the start of the linking flow. */
    public static final String RESTART_PATH = Addresses.LINK_PATH;

    private Failures() {}

    public static Failure invalidRequest(String message) {
        return Failure.badRequest("invalid_request", "This link is not valid", message);
    }

    /**
     * 404 on {@code /link/<slug>} and {@code /unlink/<slug>}: the slug is malformed, not in the partner registry, or
     * its partner is not ACTIVE yet. The page does not repeat the slug (it came from the address bar).
     */
    public static Failure unknownPartner() {
        return Failure.of(
                404,
                "unknown_partner",
                "We could not find this creator",
                "The link you followed does not lead to a creator on this site. Check the address, or go back to "
                        + "the creator's page and use its Spotify link again.");
    }

    public static Failure spotifyUnavailable() {
        return Failure.of(
                        503,
                        "spotify_unavailable",
                        "Spotify is not answering right now",
                        "We could not reach Spotify to finish linking your account. Nothing was changed. "
                                + "Please try again in a minute.")
                .withRetry(RESTART_PATH);
    }

    public static Failure storageUnavailable() {
        return Failure.of(
                        503,
                        "storage_unavailable",
                        "We are having trouble right now",
                        "Our service could not save or read your linking request. Nothing was changed. "
                                + "Please try again in a minute.")
                .withRetry(RESTART_PATH);
    }

    public static Failure secretsUnavailable() {
        return Failure.of(
                        503,
                        "secrets_unavailable",
                        "We are having trouble right now",
                        "Our service could not read its configuration. Nothing was changed. Please try again in a minute.")
                .withRetry(RESTART_PATH);
    }

    /**
     * The partner's deployment is set up wrong (e.g. its client secret is too short to sign with): nothing the
     * listener did, and nothing trying again fixes. 503, not 500: the service is unavailable until the operator
     * fixes its configuration, which is not a bug in this request; and not 4xx: the request is fine. The page says
     * so and offers no "try again".
     */
    public static Failure partnerMisconfigured() {
        return Failure.of(
                503,
                "partner_misconfigured",
                "Linking is not available right now",
                "This service is not set up correctly, so linking with Spotify cannot work at the moment. Nothing "
                        + "was changed. This is not your fault, and trying again will not help until the service "
                        + "is fixed: please tell its support.");
    }

    public static Failure internalError() {
        return Failure.of(
                        500,
                        "internal_error",
                        "Something went wrong on our side",
                        "This is our fault, not yours. Please try again later.")
                .withRetry(RESTART_PATH);
    }

    /** Maps an exception that escaped a controller to what the listener sees. */
    public static Failure forException(Throwable exception) {
        if (exception instanceof FailureException failureException) {
            return failureException.failure();
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PartnerMisconfiguredException) {
                return partnerMisconfigured();
            }
            if (cause instanceof SpotifyUnavailableException) {
                return spotifyUnavailable();
            }
            if (cause instanceof SecretsUnavailableException) {
                return secretsUnavailable();
            }
            if (isStorageFailure(cause)) {
                return storageUnavailable();
            }
        }
        return internalError();
    }

    /** The exception's class names (never its message, which might quote a value) for the request log. */
    public static Optional<String> causeForLog(Throwable exception) {
        if (exception instanceof FailureException failureException && failureException.getCause() == null) {
            return Optional.empty();
        }
        StringBuilder chain = new StringBuilder("exception=");
        int depth = 0;
        for (Throwable cause = exception; cause != null && depth < 4; cause = cause.getCause(), depth++) {
            chain.append(depth == 0 ? "" : "<").append(cause.getClass().getSimpleName());
        }
        return Optional.of(chain.toString());
    }

    private static boolean isStorageFailure(Throwable cause) {
        return cause instanceof StorageUnavailableException || cause instanceof SdkException;
    }
}
