package org.openaccess.partner.core.observability;

import java.util.Map;

/** {@link Metrics#discarding()}. */
enum DiscardingMetrics implements Metrics {
    INSTANCE;

    @Override
    public void record(MetricName metric, double value, Map<MetricName.Dimension, String> dimensions) {}

    @Override
    public void flush() {}
}
