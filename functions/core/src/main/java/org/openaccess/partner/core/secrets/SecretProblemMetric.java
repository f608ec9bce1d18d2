package org.openaccess.partner.core.secrets;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * The metric an operator alarms on when the partner's secret is unusable: {@code OpenAccessPartner /
 * ClientSecretInvalid}, written as a CloudWatch Embedded Metric Format log line (CloudWatch turns it into the
 * metric, no client library needed). One small class, for the metrics work to replace with its library.
 */
final class SecretProblemMetric {
    static final String NAMESPACE = "OpenAccessPartner";
    static final String CLIENT_SECRET_INVALID = "ClientSecretInvalid";

    private final JsonLog log;
    private final Clock clock;

    SecretProblemMetric(JsonLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void clientSecretInvalid() {
        Map<String, Object> metadata = Map.of(
                "Timestamp",
                clock.millis(),
                "CloudWatchMetrics",
                List.of(Map.of(
                        "Namespace",
                        NAMESPACE,
                        "Dimensions",
                        List.of(List.of()),
                        "Metrics",
                        List.of(Map.of("Name", CLIENT_SECRET_INVALID, "Unit", "Count")))));
        log.error("metric " + CLIENT_SECRET_INVALID, "_aws", metadata, CLIENT_SECRET_INVALID, 1);
    }
}
