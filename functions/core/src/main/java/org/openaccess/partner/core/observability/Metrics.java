package org.openaccess.partner.core.observability;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.observability.MetricName.Dimension;

/**
 * The functions' CloudWatch metrics (namespace {@value #NAMESPACE}), by what happened: the functions call these
 * named methods, never the metrics library. Values are buffered and written by {@link #flush()}, once per
 * invocation (the handlers' end; per request in the HTTP functions). Which metrics exist, with their units and
 * dimensions: {@link MetricName}. Safe to call from several threads.
 */
public interface Metrics {
    /** The one namespace of every metric of this project. */
    String NAMESPACE = "OpenAccessPartner";

    /** Spotify endpoints as they appear in the {@code Endpoint} dimension (Open Access paths, Accounts' token). */
    String TOKEN_ENDPOINT = "token";

    /** Records {@code value} of {@code metric} with the values of its dimensions. */
    void record(MetricName metric, double value, Map<Dimension, String> dimensions);

    /** Writes what was recorded since the last flush (EMF lines on standard output), and forgets it. */
    void flush();

    default void linkStarted() {
        record(MetricName.LINKS_STARTED, 1, Map.of());
    }

    default void linkCompleted() {
        record(MetricName.LINKS_COMPLETED, 1, Map.of());
    }

    /** @param errorCode the stable code the listener was shown ({@code user_cancelled} included) */
    default void linkFailed(String errorCode) {
        record(MetricName.LINK_FAILURES, 1, Map.of(Dimension.ERROR_CODE, errorCode));
    }

    default void unlinked() {
        record(MetricName.UNLINKS, 1, Map.of());
    }

    /** What the push's sync of one changed membership ended with. */
    default void pushed(SyncOutcome outcome) {
        record(
                switch (outcome) {
                    case SyncOutcome.Sent sent -> MetricName.PUSH_USERS_SYNCED;
                    case SyncOutcome.UnlinkedBySpotify unlinked -> MetricName.PUSH_USERS_SYNCED;
                    case SyncOutcome.Unchanged unchanged -> MetricName.PUSH_USERS_UNCHANGED;
                    case SyncOutcome.NotLinked notLinked -> MetricName.PUSH_USERS_UNCHANGED;
                    case SyncOutcome.Retry retry -> MetricName.PUSH_USERS_FAILED;
                    case SyncOutcome.Rejected rejected -> MetricName.PUSH_USERS_FAILED;
                },
                1,
                Map.of());
    }

    /**
     * One HTTP call to Spotify.
     *
     * @param endpoint the Open Access path ({@code replace-entitlements}...) or {@link #TOKEN_ENDPOINT}
     * @param outcome one of {@link SpotifyOutcome}
     */
    default void spotifyCall(String endpoint, SpotifyOutcome outcome, Duration latency) {
        record(
                MetricName.SPOTIFY_CALLS,
                1,
                Map.of(Dimension.ENDPOINT, endpoint, Dimension.OUTCOME, outcome.dimensionValue()));
        record(MetricName.SPOTIFY_LATENCY, latency.toNanos() / 1e6, Map.of(Dimension.ENDPOINT, endpoint));
    }

    /** One reconcile run's summary. */
    default void reconciled(int checked, int repaired, int foundUnlinked, int failed) {
        record(MetricName.RECONCILE_USERS_CHECKED, checked, Map.of());
        record(MetricName.RECONCILE_USERS_REPAIRED, repaired, Map.of());
        record(MetricName.RECONCILE_LINKS_FOUND_UNLINKED, foundUnlinked, Map.of());
        record(MetricName.RECONCILE_USERS_FAILED, failed, Map.of());
    }

    default void clientSecretInvalid() {
        record(MetricName.CLIENT_SECRET_INVALID, 1, Map.of());
    }

    /** How a call to Spotify ended, as the {@code Outcome} dimension says it. */
    enum SpotifyOutcome {
        /** 2xx. */
        OK,
        /** A 4xx other than 429: refused (404 not linked, 409 conflict, 400/401/403). */
        CLIENT_ERROR,
        /** 429. */
        THROTTLED,
        /** 5xx. */
        SERVER_ERROR,
        /** No HTTP answer: timeout, connection refused or dropped. */
        NO_ANSWER;

        /** The constant in lower case: {@code client_error}. */
        public String dimensionValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @param status the HTTP status, 0 when there was no answer */
        public static SpotifyOutcome ofStatus(int status) {
            if (status == 0) {
                return NO_ANSWER;
            }
            if (status == 429) {
                return THROTTLED;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : OK;
        }
    }

    /** Records nothing: for SnapStart priming's dry runs and code paths that report no metrics (the operator's). */
    static Metrics discarding() {
        return DiscardingMetrics.INSTANCE;
    }
}
