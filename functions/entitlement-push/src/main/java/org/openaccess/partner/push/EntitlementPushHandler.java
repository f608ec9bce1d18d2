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
import org.openaccess.partner.core.entitlements.EntitlementStore;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.observability.LambdaLogSink;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * The entitlements table's stream -> replace-entitlements on Spotify, with partial batch responses
 * ({@code ReportBatchItemFailures}). Everything heavy is built once per container; the work is in
 * {@link StreamBatchProcessor}, the pacing of Spotify calls in {@link CallWindow}.
 */
public final class EntitlementPushHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final Set<Setting> REQUIRED = EnumSet.of(
            Setting.SPOTIFY_CLIENT_ID, Setting.SPOTIFY_PARTNER_ID, Setting.LINKS_TABLE, Setting.ENTITLEMENTS_TABLE);
    /** Covers one attempt in flight (a token fetch and a call, each within Spotify's timeouts) and the answer. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
    /**
     * Memberships synced at once, and the most Spotify calls the {@link CallWindow} lets in flight. 64 gives 500+
     * memberships per second per batch at 100 ms a call with room for DynamoDB's time in each sync; the window, not
     * this bound, keeps the calls below a rate limit. The measurements: docs/entitlements-benchmark.md.
     */
    static final int MAX_IN_FLIGHT = 64;

    /**
     * The URL-connection client under the DynamoDB SDK keeps only {@code http.maxConnections} idle connections per
     * host (5 by default) and closes the rest after each request: with {@link #MAX_IN_FLIGHT} syncs reading and
     * writing at once, most DynamoDB requests would open a new TLS connection. Read once, when the JDK's keep-alive
     * cache is first used, so it is set before any client is built. Spotify's client (the JDK's HttpClient) has no
     * such limit: it opens as many connections as there are calls in flight and keeps them.
     */
    static {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(2 * MAX_IN_FLIGHT));
        }
    }

    private final StreamBatchProcessor processor;
    private final Metrics metrics;
    private final Resource priming;

    /** Lambda's constructor: wiring from the environment, priming registered for SnapStart. */
    public EntitlementPushHandler() {
        this(CoreWiring.fromEnvironment(REQUIRED));
        Core.getGlobalContext().register(priming);
    }

    public EntitlementPushHandler(CoreWiring wiring) {
        this(wiring, MAX_IN_FLIGHT);
    }

    /** With another bound on memberships and calls in flight (1 = one after another), for the benchmark. */
    EntitlementPushHandler(CoreWiring wiring, int maxInFlight) {
        this.metrics = wiring.metrics();
        CallWindow window = new CallWindow(maxInFlight, wiring.clock());
        this.processor = new StreamBatchProcessor(
                counted(pacedSync(wiring, window), metrics), wiring.clock(), SAFETY_MARGIN, maxInFlight);
        this.priming = new PushPriming(wiring, SAFETY_MARGIN);
    }

    /**
     * Core's sync, its Spotify calls through the container's window and within the batch's deadline. Its stores and
     * Spotify client (with their AWS SDK and HTTP clients, TLS contexts included) are built here, at init: before a
     * SnapStart snapshot rather than in the first batch after a restore, which built them in about 100 ms. Building
     * them reads no secret and opens no connection.
     */
    private static StreamBatchProcessor.MembershipSync pacedSync(CoreWiring wiring, CallWindow window) {
        EntitlementStore entitlements = wiring.entitlements();
        LinkStore links = wiring.links();
        OpenAccessClient openAccess = wiring.openAccess();
        return (membership, deadline) -> new EntitlementSync(
                        entitlements,
                        links,
                        new PacedOpenAccessClient(openAccess, window, deadline),
                        wiring.clock(),
                        wiring.secureRandom())
                .syncUntil(membership, deadline);
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
    static StreamBatchProcessor.MembershipSync counted(StreamBatchProcessor.MembershipSync sync, Metrics metrics) {
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
