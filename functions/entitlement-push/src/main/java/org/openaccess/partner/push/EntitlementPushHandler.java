package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.crac.Core;
import org.crac.Resource;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.observability.LambdaLogSink;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * The entitlements table's stream -> replace-entitlements on Spotify, with partial batch responses
 * ({@code ReportBatchItemFailures}). Everything heavy is built once per container; the work is in
 * {@link StreamBatchProcessor}.
 */
public final class EntitlementPushHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final Set<Setting> REQUIRED = EnumSet.of(
            Setting.SPOTIFY_CLIENT_ID, Setting.SPOTIFY_PARTNER_ID, Setting.LINKS_TABLE, Setting.ENTITLEMENTS_TABLE);
    /** Covers one attempt in flight (a token fetch and a call, each within Spotify's timeouts) and the answer. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);

    private final StreamBatchProcessor processor;
    private final Metrics metrics;
    private final Resource priming;

    /** Lambda's constructor: wiring from the environment, priming registered for SnapStart. */
    public EntitlementPushHandler() {
        this(CoreWiring.fromEnvironment(REQUIRED));
        Core.getGlobalContext().register(priming);
    }

    public EntitlementPushHandler(CoreWiring wiring) {
        this.metrics = wiring.metrics();
        this.processor =
                new StreamBatchProcessor(counted(wiring.entitlementSync(), metrics), wiring.clock(), SAFETY_MARGIN);
        this.priming = new PushPriming(wiring, SAFETY_MARGIN);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try {
            return processor.process(
                    event,
                    Duration.ofMillis(context.getRemainingTimeInMillis()),
                    LambdaLogSink.jsonLog(context.getLogger()));
        } finally {
            metrics.flush(); // once per batch: PushUsers* and the Spotify calls it made
        }
    }

    /** Each membership's sync, counted by what it ended with ({@code PushUsersSynced/Unchanged/Failed}). */
    static StreamBatchProcessor.MembershipSync counted(EntitlementSync sync, Metrics metrics) {
        return (membership, deadline) -> {
            SyncOutcome outcome;
            try {
                outcome = sync.syncUntil(membership, deadline);
            } catch (RuntimeException e) {
                metrics.pushed(new SyncOutcome.Retry(java.util.Optional.empty(), "failed"));
                throw e;
            }
            metrics.pushed(outcome);
            return outcome;
        };
    }
}
