package org.openaccess.partner.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.crac.Core;
import org.crac.Resource;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.observability.LambdaLogSink;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * Scheduled by EventBridge ({@code ReconcileSchedule}, default every 15 minutes). The event carries nothing
 * the run needs: what to repair comes from the tables, which links to verify from the time since the last pass. Everything heavy is built once per container.
 */
public final class ReconcileHandler implements RequestHandler<ScheduledEvent, ReconcileReport> {
    public static final Set<Setting> REQUIRED = EnumSet.of(
            Setting.SPOTIFY_CLIENT_ID,
            Setting.SPOTIFY_PARTNER_ID,
            Setting.LINKS_TABLE,
            Setting.ENTITLEMENTS_TABLE,
            Setting.RECONCILE_STATE_TABLE);
    /**
     * Covers the links in flight (each worker's token fetch and call, within Spotify's timeouts) and saving each
     * segment's cursor.
     */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

    private final Reconciler reconciler;
    private final Metrics metrics;
    private final Resource priming;

    /** Lambda's constructor: wiring from the environment, priming registered for SnapStart. */
    public ReconcileHandler() {
        this(CoreWiring.fromEnvironment(REQUIRED));
        Core.getGlobalContext().register(priming);
    }

    public ReconcileHandler(CoreWiring wiring) {
        this.metrics = wiring.metrics();
        this.reconciler = Reconciler.of(wiring, wiring.settings().text(Setting.RECONCILE_STATE_TABLE), SAFETY_MARGIN);
        this.priming = new ReconcilePriming(wiring, SAFETY_MARGIN);
    }

    @Override
    public ReconcileReport handleRequest(ScheduledEvent event, Context context) {
        try {
            ReconcileReport report = reconciler.run(
                    Duration.ofMillis(context.getRemainingTimeInMillis()), LambdaLogSink.jsonLog(context.getLogger()));
            // Repaired = drift: a set Spotify did not have, sent again. Found unlinked: by verification or a 404.
            metrics.reconciled(
                    report.checked(),
                    report.sent(),
                    report.foundUnlinked() + report.unlinkedBySpotify(),
                    report.deferred() + report.rejected());
            return report;
        } finally {
            metrics.flush(); // once per run: the summary and the Spotify calls it made
        }
    }
}
