package org.openaccess.partner.core.observability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.openaccess.partner.core.observability.MetricName.Dimension;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * {@link Metrics} over AWS's Embedded Metric Format library ({@code aws-embedded-metrics}): at {@link #flush()}
 * one EMF document per group of metrics sharing dimensions, written as a line to standard output, which Lambda
 * sends to CloudWatch Logs, where it becomes metrics (no API call, no agent). The library's Lambda environment is
 * named explicitly, so the lines go to standard output on Lambda and off it alike (the local stack, tests), and its
 * default dimensions (log group, function name) are replaced by each metric's own ({@link MetricName}).
 */
public final class EmfMetrics implements Metrics {
    private final Environment environment;
    /** Per group of dimension values, the values recorded of each metric, in the order first recorded. */
    private final Map<Group, Map<MetricName, List<Double>>> pending = new LinkedHashMap<>();

    /** Lines to standard output, as on Lambda. */
    public EmfMetrics() {
        this(new LambdaEnvironment());
    }

    /** Lines to {@code lines}: for priming, which must write nothing. */
    public EmfMetrics(Consumer<String> lines) {
        this(new LinesEnvironment(lines));
    }

    private EmfMetrics(Environment environment) {
        this.environment = environment;
    }

    @Override
    public synchronized void record(MetricName metric, double value, Map<Dimension, String> dimensions) {
        Map<Dimension, String> values = new EnumMap<>(Dimension.class);
        for (List<Dimension> set : metric.dimensionSets()) {
            for (Dimension dimension : set) {
                String given = dimensions.get(dimension);
                if (given == null || given.isBlank()) {
                    throw new IllegalArgumentException(metric + " needs a value for " + dimension);
                }
                values.put(dimension, given);
            }
        }
        pending.computeIfAbsent(new Group(metric.dimensionSets(), values), group -> new LinkedHashMap<>())
                .computeIfAbsent(metric, name -> new ArrayList<>())
                .add(value);
    }

    @Override
    public synchronized void flush() {
        pending.forEach((group, metrics) -> {
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(NAMESPACE);
            logger.setDimensions(group.dimensionSets());
            metrics.forEach((metric, values) ->
                    values.forEach(value -> logger.putMetric(metric.cloudWatchName(), value, unit(metric))));
            logger.flush();
        });
        pending.clear();
    }

    private static Unit unit(MetricName metric) {
        return switch (metric.unit()) {
            case COUNT -> Unit.COUNT;
            case MILLISECONDS -> Unit.MILLISECONDS;
        };
    }

    /** Metrics published under the same dimension sets with the same values: one EMF document. */
    private record Group(List<List<Dimension>> sets, Map<Dimension, String> values) {
        DimensionSet[] dimensionSets() {
            DimensionSet[] result = new DimensionSet[sets.size()];
            for (int i = 0; i < sets.size(); i++) {
                DimensionSet set = new DimensionSet();
                for (Dimension dimension : sets.get(i)) {
                    set.addDimension(dimension.cloudWatchName(), values.get(dimension));
                }
                result[i] = set;
            }
            return result;
        }
    }

    /** The library's Lambda environment (its properties: function version, trace id) with another sink. */
    private record LinesEnvironment(LambdaEnvironment lambda, Consumer<String> lines) implements Environment, ISink {
        LinesEnvironment(Consumer<String> lines) {
            this(new LambdaEnvironment(), lines);
        }

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return lambda.getName();
        }

        @Override
        public String getType() {
            return lambda.getType();
        }

        @Override
        public String getLogGroupName() {
            return lambda.getLogGroupName();
        }

        @Override
        public void configureContext(MetricsContext context) {
            lambda.configureContext(context);
        }

        @Override
        public ISink getSink() {
            return this;
        }

        @Override
        public void accept(MetricsContext context) {
            try {
                context.serialize().forEach(lines);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("EMF document not serialisable", e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
