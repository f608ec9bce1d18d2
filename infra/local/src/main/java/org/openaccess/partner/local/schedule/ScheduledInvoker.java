package org.openaccess.partner.local.schedule;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openaccess.partner.local.lambda.LambdaWire;
import org.openaccess.partner.local.lambda.LocalLambdaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a scheduled function every {@code period} with the EventBridge "Scheduled Event" Lambda receives. */
public final class ScheduledInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledInvoker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionName;
    private final RequestHandler<ScheduledEvent, ?> handler;
    private final Duration timeout;
    private final String region;
    private final ScheduledExecutorService timer;

    public ScheduledInvoker(
            String functionName, RequestHandler<ScheduledEvent, ?> handler, Duration timeout, String region) {
        this.functionName = functionName;
        this.handler = handler;
        this.timeout = timeout;
        this.region = region;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "schedule-" + functionName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** First run one period after start, as a new schedule's first run comes after its rate. */
    public ScheduledInvoker start(Duration period) {
        timer.scheduleAtFixedRate(this::runOnce, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void runOnce() {
        try {
            ScheduledEvent event = LambdaWire.eventFromJson(eventJson(), ScheduledEvent.class);
            Object result = handler.handleRequest(event, LocalLambdaContext.of(functionName, timeout));
            LOG.debug("{} ran on schedule: {}", functionName, LambdaWire.resultToJson(result));
        } catch (RuntimeException e) {
            LOG.error("{} failed on schedule", functionName, e);
        }
    }

    private String eventJson() {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put(
                "time",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources")
                .add("arn:aws:events:" + region + ":000000000000:rule/" + functionName + "-schedule");
        event.putObject("detail");
        return event.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
