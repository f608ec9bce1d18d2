package org.openaccess.partner.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openaccess.partner.core.identity.Membership;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's {@code PushFailureQueue}. Lambda's on-failure message for a DynamoDB stream names the batch, not its
 * records ({@code DDBStreamBatchInfo}: stream, shard, first and last sequence number), so the keys are read back from
 * the stream (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords up to the last one). The stream keeps records 24 hours,
 * the queue 14 days: an older entry is reported unreadable and left for the reconciler, which repairs every
 * membership anyway.
 *
 * @param queueUrl the stack's {@code PushFailureQueueUrl} output
 */
record SqsFailureQueue(SqsClient sqs, DynamoDbStreamsClient streams, String queueUrl) implements FailureQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a batch of 100 memberships at the sync's per-membership limit: not seen twice in one run. */
    private static final int VISIBILITY_SECONDS = 900;
    /** An open shard may answer empty pages before the records: a bounded number of reads per batch. */
    private static final int MAX_READS = 20;

    @Override
    public long approximateDepth() {
        String count = sqs.getQueueAttributes(
                        b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
        return Long.parseLong(count);
    }

    @Override
    public List<FailedBatch> receive(int max) {
        List<FailedBatch> batches = new ArrayList<>();
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(max, 10))
                        .visibilityTimeout(VISIBILITY_SECONDS)
                        .waitTimeSeconds(1))
                .messages()) {
            batches.add(read(message));
        }
        return batches;
    }

    @Override
    public void remove(FailedBatch batch) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(batch.handle()));
    }

    private FailedBatch read(Message message) {
        JsonNode info;
        try {
            info = JSON.readTree(message.body()).path("DDBStreamBatchInfo");
        } catch (IOException e) {
            return unreadable(message, "its body is not JSON");
        }
        String streamArn = info.path("streamArn").asText("");
        String shardId = info.path("shardId").asText("");
        String first = info.path("startSequenceNumber").asText("");
        String last = info.path("endSequenceNumber").asText("");
        if (streamArn.isEmpty() || shardId.isEmpty() || !first.matches("[0-9]+") || !last.matches("[0-9]+")) {
            return unreadable(message, "it is not a DynamoDB stream on-failure record (no DDBStreamBatchInfo)");
        }
        try {
            return new FailedBatch(
                    message.receiptHandle(), keys(streamArn, shardId, first, new BigInteger(last)), Optional.empty());
        } catch (TrimmedDataAccessException | ExpiredIteratorException | ResourceNotFoundException e) {
            return unreadable(message, "the stream no longer holds its records (they are kept 24 hours)");
        }
    }

    private List<Membership> keys(String streamArn, String shardId, String first, BigInteger last) {
        Set<Membership> keys = new LinkedHashSet<>();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(first))
                .shardIterator();
        for (int read = 0; read < MAX_READS && iterator != null; read++) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
            for (Record record : page.records()) {
                if (new BigInteger(record.dynamodb().sequenceNumber()).compareTo(last) > 0) {
                    return List.copyOf(keys);
                }
                Map<String, AttributeValue> key = record.dynamodb().keys();
                if (key.containsKey("userId") && key.containsKey("partnerId")) {
                    keys.add(new Membership(
                            key.get("userId").s(), key.get("partnerId").s()));
                }
            }
            iterator = page.nextShardIterator();
        }
        return List.copyOf(keys);
    }

    private static FailedBatch unreadable(Message message, String why) {
        return new FailedBatch(message.receiptHandle(), List.of(), Optional.of(why));
    }
}
