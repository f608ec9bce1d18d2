package org.openaccess.partner.core.observability;

import java.util.List;

/**
 * Every metric the functions emit, in namespace {@link Metrics#NAMESPACE}: its name, unit and the dimension sets
 * it is published under. The one list the alarms and the dashboard of template.yaml are checked against
 * ({@code infra/deployment}'s MetricsInTemplateTest). No dimension ever holds a partner or user id: those stay in
 * the log lines (each dimension value is a billed metric, and a platform has thousands of partners).
 */
public enum MetricName {
    /** The entrypoint sent a listener to Spotify's consent page. */
    LINKS_STARTED("LinksStarted", Unit.COUNT),
    /** The callback linked a listener (register-user accepted, link recorded). */
    LINKS_COMPLETED("LinksCompleted", Unit.COUNT),
    /** The callback ended without a link, by error code ({@code user_cancelled} included), and in all. */
    LINK_FAILURES("LinkFailures", Unit.COUNT, List.of(Dimension.ERROR_CODE), List.of()),
    /** A listener unlinked through the partner's site. */
    UNLINKS("Unlinks", Unit.COUNT),
    /** Memberships the push sent (replace-entitlements accepted, or Spotify no longer had the link). */
    PUSH_USERS_SYNCED("PushUsersSynced", Unit.COUNT),
    /** Memberships the push found already in sync or not linked: no call made. */
    PUSH_USERS_UNCHANGED("PushUsersUnchanged", Unit.COUNT),
    /** Memberships the push could not sync (deferred to Lambda's retry, or refused by Spotify). */
    PUSH_USERS_FAILED("PushUsersFailed", Unit.COUNT),
    /** One HTTP call to Spotify (Accounts or Open Access), by endpoint and outcome, and by outcome alone. */
    SPOTIFY_CALLS(
            "SpotifyCalls", Unit.COUNT, List.of(Dimension.ENDPOINT, Dimension.OUTCOME), List.of(Dimension.OUTCOME)),
    /** How long one call to Spotify took, from sending to the whole answer read, by endpoint. */
    SPOTIFY_LATENCY("SpotifyLatency", Unit.MILLISECONDS, List.of(Dimension.ENDPOINT)),
    /** Links the reconciler looked at in one run. */
    RECONCILE_USERS_CHECKED("ReconcileUsersChecked", Unit.COUNT),
    /** Drift: links whose set differed from what Spotify was last given, sent again by the reconciler. */
    RECONCILE_USERS_REPAIRED("ReconcileUsersRepaired", Unit.COUNT),
    /** Links the reconciler found gone on Spotify's side (recorded UNLINKED). */
    RECONCILE_LINKS_FOUND_UNLINKED("ReconcileLinksFoundUnlinked", Unit.COUNT),
    /** Links the reconciler could not check or repair (deferred to the next pass, or refused by Spotify). */
    RECONCILE_USERS_FAILED("ReconcileUsersFailed", Unit.COUNT),
    /** The partner's client secret in Secrets Manager is unusable: linking cannot work until it is fixed. */
    CLIENT_SECRET_INVALID("ClientSecretInvalid", Unit.COUNT);

    /** A metric's dimensions; their values come from short fixed lists (error codes, endpoints, outcomes). */
    public enum Dimension {
        ERROR_CODE("ErrorCode"),
        ENDPOINT("Endpoint"),
        OUTCOME("Outcome");

        private final String cloudWatchName;

        Dimension(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** The units used here, as CloudWatch spells them. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String cloudWatchName;
    private final Unit unit;
    private final List<List<Dimension>> dimensionSets;

    @SafeVarargs
    MetricName(String cloudWatchName, Unit unit, List<Dimension>... dimensionSets) {
        this.cloudWatchName = cloudWatchName;
        this.unit = unit;
        this.dimensionSets = dimensionSets.length == 0 ? List.of(List.of()) : List.of(dimensionSets);
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension sets the metric is published under; {@code [[]]}: the namespace's total only. */
    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }
}
