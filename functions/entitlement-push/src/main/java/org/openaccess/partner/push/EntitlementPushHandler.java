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
import org.openaccess.partner.core.observability.LambdaLogSink;
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
    private final Resource priming;

    /** Lambda's constructor: wiring from the environment, priming registered for SnapStart. */
    public EntitlementPushHandler() {
        this(CoreWiring.fromEnvironment(REQUIRED));
        Core.getGlobalContext().register(priming);
    }

    public EntitlementPushHandler(CoreWiring wiring) {
        this.processor = new StreamBatchProcessor(wiring.entitlementSync()::syncUntil, wiring.clock(), SAFETY_MARGIN);
        this.priming = new PushPriming(wiring, SAFETY_MARGIN);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return processor.process(
                event,
                Duration.ofMillis(context.getRemainingTimeInMillis()),
                LambdaLogSink.jsonLog(context.getLogger()));
    }
}
