package org.openaccess.partner.core.observability;

import java.util.List;
import java.util.Locale;

/**
 * Every metric the functions emit, in namespace {@link Metrics#NAMESPACE}: its name, unit and the dimension sets
 * it is published under. CloudWatch names (of metrics, dimensions and units) are the constants' in UpperCamelCase:
 * {@code LINKS_STARTED} is {@code LinksStarted}. The one list the alarms and the dashboard of template.yaml are checked against
 * ({@code infra/deployment}'s MetricsInTemplateTest). No dimension ever holds a partner or user id: those stay in
 * the log lines (each dimension value is a billed metric, and a platform has thousands of partners).
 */
public enum MetricName {
    /** The entrypoint sent a listener to Spotify's consent page. */
    LINKS_STARTED(Unit.COUNT),
    /** The callback linked a listener (register-user accepted, link recorded). */
    LINKS_COMPLETED(Unit.COUNT),
    /** The callback ended without a link, by error code ({@code user_cancelled} included), and in all. */
    LINK_FAILURES(Unit.COUNT, List.of(Dimension.ERROR_CODE), List.of()),
    /** A listener unlinked through the partner's site. */
    UNLINKS(Unit.COUNT),
    /** Memberships the push sent (replace-entitlements accepted, or Spotify no longer had the link). */
    PUSH_USERS_SYNCED(Unit.COUNT),
    /** Memberships the push found already in sync or not linked: no call made. */
    PUSH_USERS_UNCHANGED(Unit.COUNT),
    /** Memberships the push could not sync (deferred to Lambda's retry, or refused by Spotify). */
    PUSH_USERS_FAILED(Unit.COUNT),
    /** One HTTP call to Spotify (Accounts or Open Access), by endpoint and outcome, and by outcome alone. */
    SPOTIFY_CALLS(Unit.COUNT, List.of(Dimension.ENDPOINT, Dimension.OUTCOME), List.of(Dimension.OUTCOME)),
    /** How long one call to Spotify took, from sending to the whole answer read, by endpoint. */
    SPOTIFY_LATENCY(Unit.MILLISECONDS, List.of(Dimension.ENDPOINT)),
    /** Links the reconciler looked at in one run. */
    RECONCILE_USERS_CHECKED(Unit.COUNT),
    /** Drift: links whose set differed from what Spotify was last given, sent again by the reconciler. */
    RECONCILE_USERS_REPAIRED(Unit.COUNT),
    /** Links the reconciler found gone on Spotify's side (recorded UNLINKED). */
    RECONCILE_LINKS_FOUND_UNLINKED(Unit.COUNT),
    /** Links the reconciler could not check or repair (deferred to the next pass, or refused by Spotify). */
    RECONCILE_USERS_FAILED(Unit.COUNT),
    /** The partner's client secret in Secrets Manager is unusable: linking cannot work until it is fixed. */
    CLIENT_SECRET_INVALID(Unit.COUNT);

    /** A metric's dimensions; their values come from short fixed lists (error codes, endpoints, outcomes). */
    public enum Dimension {
        ERROR_CODE,
        ENDPOINT,
        OUTCOME;

        public String cloudWatchName() {
            return upperCamelCase(name());
        }
    }

    /** The units used here, as CloudWatch spells them. */
    public enum Unit {
        COUNT,
        MILLISECONDS;

        public String cloudWatchName() {
            return upperCamelCase(name());
        }
    }

    private final Unit unit;
    private final List<List<Dimension>> dimensionSets;

    @SafeVarargs
    MetricName(Unit unit, List<Dimension>... dimensionSets) {
        this.unit = unit;
        this.dimensionSets = dimensionSets.length == 0 ? List.of(List.of()) : List.of(dimensionSets);
    }

    public String cloudWatchName() {
        return upperCamelCase(name());
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension sets the metric is published under; {@code [[]]}: the namespace's total only. */
    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }

    /** {@code LINK_FAILURES}: {@code LinkFailures}. */
    private static String upperCamelCase(String constant) {
        StringBuilder name = new StringBuilder(constant.length());
        for (String word : constant.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
