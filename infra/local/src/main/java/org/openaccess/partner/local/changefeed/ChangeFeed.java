package org.openaccess.partner.local.changefeed;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openaccess.partner.local.lambda.LambdaWire;
import org.openaccess.partner.local.lambda.LocalLambdaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for a DynamoDB stream and its Lambda event source mapping: records queue in write order and one
 * thread delivers them in batches, honouring partial batch responses as Lambda does (retry from the first
 * failed record; an error or an unknown identifier retries the whole batch; after the last retry the batch
 * goes to the on-failure log and the stream moves on).
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A batch that exhausted its retries: what Lambda would send to the on-failure destination. */
    public record DroppedBatch(String firstSequenceNumber, String lastSequenceNumber, int size, List<JsonNode> keys) {}

    private final String functionName;
    private final RequestHandler<DynamodbEvent, ?> handler;
    private final StreamSettings settings;
    private final BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private final List<DroppedBatch> dropped = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final Thread deliverer;
    private volatile boolean running = true;

    public ChangeFeed(String functionName, RequestHandler<DynamodbEvent, ?> handler, StreamSettings settings) {
        this.functionName = functionName;
        this.handler = handler;
        this.settings = settings;
        this.deliverer = new Thread(this::deliverForever, "change-feed-" + functionName);
        this.deliverer.setDaemon(true);
    }

    public ChangeFeed start() {
        deliverer.start();
        return this;
    }

    /** Called by the proxy, in write order, with each new record. */
    public void append(ObjectNode record) {
        queue.add(record);
    }

    /** Records the handler has accepted so far. */
    public long deliveredRecords() {
        return delivered.get();
    }

    /** Handler invocations so far, retries included. */
    public long invocations() {
        return invocations.get();
    }

    public List<DroppedBatch> droppedBatches() {
        return List.copyOf(dropped);
    }

    private void deliverForever() {
        while (running) {
            try {
                List<ObjectNode> batch = nextBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ObjectNode> nextBatch() throws InterruptedException {
        List<ObjectNode> batch = new ArrayList<>();
        ObjectNode first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + settings.batchingWindow().toNanos();
        while (batch.size() < settings.batchSize()) {
            long remaining = deadline - System.nanoTime();
            ObjectNode next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void deliver(List<ObjectNode> batch) throws InterruptedException {
        List<ObjectNode> pending = batch;
        for (int attempt = 0; ; attempt++) {
            int firstFailed = invoke(pending);
            delivered.addAndGet(firstFailed < 0 ? pending.size() : firstFailed);
            if (firstFailed < 0) {
                return;
            }
            pending = pending.subList(firstFailed, pending.size());
            if (attempt >= settings.maximumRetryAttempts()) {
                drop(pending);
                return;
            }
            Thread.sleep(settings.retryBackoff().toMillis());
        }
    }

    /** Index of the first record to retry, or -1 when the whole batch succeeded. */
    private int invoke(List<ObjectNode> records) {
        invocations.incrementAndGet();
        ObjectNode event = JSON.createObjectNode();
        records.forEach(event.putArray("Records")::add);
        try {
            DynamodbEvent dynamodbEvent = LambdaWire.eventFromJson(event.toString(), DynamodbEvent.class);
            Object result = handler.handleRequest(
                    dynamodbEvent, LocalLambdaContext.of(functionName, settings.functionTimeout()));
            return firstFailure(records, JSON.readTree(LambdaWire.resultToJson(result)));
        } catch (Exception e) {
            LOG.warn(
                    "{} failed on a batch of {} records; the whole batch will be retried",
                    functionName,
                    records.size(),
                    e);
            return 0;
        }
    }

    private static int firstFailure(List<ObjectNode> records, JsonNode response) {
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || !failures.isArray() || failures.isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String identifier = failure.path("itemIdentifier").asText("");
            int index = indexOf(records, identifier);
            if (index < 0) {
                LOG.warn(
                        "batchItemFailures names '{}', which is not in the batch: the whole batch fails, as on Lambda",
                        identifier);
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private static int indexOf(List<ObjectNode> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (StreamRecords.sequenceNumber(records.get(i)).equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private void drop(List<ObjectNode> records) {
        List<JsonNode> keys = records.stream()
                .map(r -> r.path("dynamodb").path("Keys"))
                .map(JsonNode.class::cast)
                .toList();
        DroppedBatch batch = new DroppedBatch(
                StreamRecords.sequenceNumber(records.get(0)),
                StreamRecords.sequenceNumber(records.get(records.size() - 1)),
                records.size(),
                keys);
        dropped.add(batch);
        LOG.error(
                "on-failure: {} records {}..{} of {} exhausted {} retries (keys {}); the reconciler repairs them",
                batch.size(),
                batch.firstSequenceNumber(),
                batch.lastSequenceNumber(),
                functionName,
                settings.maximumRetryAttempts(),
                keys);
    }

    @Override
    public void close() {
        running = false;
        deliverer.interrupt();
    }
}
