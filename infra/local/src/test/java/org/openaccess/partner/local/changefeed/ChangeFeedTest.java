package org.openaccess.partner.local.changefeed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.Ports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The change feed against real dynalite through the proxy, with a real SDK client writing as the partner's code
 * would, and a stream handler whose answers (success, partial failure, error) are chosen per test.
 */
@org.junit.jupiter.api.Tag("integration")
class ChangeFeedTest {

    private static Dynalite dynalite;

    private final List<DynamodbEvent> received = new CopyOnWriteArrayList<>();
    private volatile Function<DynamodbEvent, StreamsEventResponse> answer = e -> new StreamsEventResponse(List.of());
    private String table;
    private String otherTable;
    private ChangeFeed feed;
    private DynamoDbProxy proxy;
    private DynamoDbClient client;

    @BeforeAll
    static void startDynalite() {
        dynalite = Dynalite.shared();
    }

    @BeforeEach
    void startFeed() {
        table = "entitlements-" + UUID.randomUUID();
        otherTable = "links-" + UUID.randomUUID();
        for (String name : List.of(table, otherTable)) {
            dynalite.client()
                    .createTable(b -> b.tableName(name)
                            .keySchema(k -> k.attributeName("userId").keyType("HASH"))
                            .attributeDefinitions(a -> a.attributeName("userId").attributeType("S"))
                            .billingMode("PAY_PER_REQUEST"));
        }
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (DynamodbEvent event, Context context) -> {
            received.add(event);
            return answer.apply(event);
        };
        feed = new ChangeFeed(
                        "EntitlementPushFunction",
                        handler,
                        new StreamSettings(
                                100, Duration.ofMillis(300), 2, Duration.ofMillis(50), Duration.ofSeconds(60)))
                .start();
        proxy = DynamoDbProxy.start(
                Ports.free(), dynalite.endpoint(), "us-east-1", table, List.of("userId"), feed::append);
        client = Dynalite.clientFor(proxy.endpoint());
    }

    @AfterEach
    void stopFeed() {
        client.close();
        proxy.close();
        feed.close();
    }

    @Test
    void insertModifyAndRemoveCarryKeysAndBothImagesInWriteOrder() {
        put("ada", "basic");
        put("ada", "basic", "premium");
        client.deleteItem(b -> b.tableName(table).key(key("ada")));

        List<DynamodbEvent.DynamodbStreamRecord> records = awaitRecords(3);
        assertEquals(
                List.of("INSERT", "MODIFY", "REMOVE"),
                records.stream().map(r -> r.getEventName()).toList());
        assertEquals("ada", records.get(0).getDynamodb().getKeys().get("userId").getS());
        assertNull(records.get(0).getDynamodb().getOldImage());
        assertEquals(List.of("basic"), entitlements(records.get(0).getDynamodb().getNewImage()));
        assertEquals(List.of("basic"), entitlements(records.get(1).getDynamodb().getOldImage()));
        assertEquals(
                List.of("basic", "premium"),
                entitlements(records.get(1).getDynamodb().getNewImage()));
        assertNull(records.get(2).getDynamodb().getNewImage());
        assertEquals("NEW_AND_OLD_IMAGES", records.get(2).getDynamodb().getStreamViewType());
        assertTrue(records.get(0)
                .getEventSourceARN()
                .startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/stream/"));
        assertTrue(records.get(0)
                        .getDynamodb()
                        .getSequenceNumber()
                        .compareTo(records.get(1).getDynamodb().getSequenceNumber())
                < 0);
        assertTrue(records.get(1)
                        .getDynamodb()
                        .getSequenceNumber()
                        .compareTo(records.get(2).getDynamodb().getSequenceNumber())
                < 0);
    }

    @Test
    void updateItemFromAnyClientIsCaptured() {
        put("grace", "basic");
        client.updateItem(b -> b.tableName(table)
                .key(key("grace"))
                .updateExpression("ADD entitlements :p")
                .expressionAttributeValues(Map.of(
                        ":p",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("premium")))));

        List<DynamodbEvent.DynamodbStreamRecord> records = awaitRecords(2);
        assertEquals("MODIFY", records.get(1).getEventName());
        assertEquals(
                List.of("basic", "premium"),
                entitlements(records.get(1).getDynamodb().getNewImage()));
    }

    @Test
    void writesThatChangeNothingOrFailOrHitAnotherTableMakeNoRecord() {
        put("alan", "basic");
        awaitRecords(1);
        client.putItem(b -> b.tableName(table).item(item("alan", "basic")));
        assertThrows(
                ConditionalCheckFailedException.class,
                () -> client.putItem(b -> b.tableName(table)
                        .item(item("alan", "premium"))
                        .conditionExpression("attribute_not_exists(userId)")));
        client.deleteItem(b -> b.tableName(table).key(key("nobody")));
        client.putItem(b -> b.tableName(otherTable).item(item("alan", "premium")));
        put("alan", "premium"); // a marker: once it arrives, anything the writes above made would have too

        List<DynamodbEvent.DynamodbStreamRecord> records = awaitRecords(2);
        assertEquals(
                List.of("INSERT", "MODIFY"),
                records.stream().map(r -> r.getEventName()).toList());
        assertEquals(
                List.of("premium"), entitlements(records.get(1).getDynamodb().getNewImage()));
    }

    @Test
    void batchWritesBecomeOneRecordPerItem() {
        put("ada", "basic");
        batchWrite(
                putRequest(item("grace", "premium")),
                WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key("ada")).build())
                        .build());

        List<DynamodbEvent.DynamodbStreamRecord> records = awaitRecords(3);
        assertEquals(
                List.of("INSERT ada", "INSERT grace", "REMOVE ada"),
                records.stream()
                        .map(r -> r.getEventName() + " "
                                + r.getDynamodb().getKeys().get("userId").getS())
                        .toList());
    }

    @Test
    void aPartialFailureIsRetriedFromTheFirstFailedRecord() {
        answer = event -> event.getRecords().size() == 3
                ? new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        event.getRecords().get(1).getDynamodb().getSequenceNumber())))
                : new StreamsEventResponse(List.of());
        writeThreeUsersInOneBatchWindow();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        assertEquals(List.of("u1", "u2", "u3"), users(received.get(0)));
        assertEquals(List.of("u2", "u3"), users(received.get(1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.deliveredRecords() == 3);
        assertTrue(feed.droppedBatches().isEmpty());
    }

    @Test
    void anErrorOrAnUnknownIdentifierRetriesTheWholeBatch() {
        List<Integer> calls = new ArrayList<>();
        answer = event -> {
            calls.add(event.getRecords().size());
            if (calls.size() == 1) {
                throw new IllegalStateException("Spotify is down");
            }
            if (calls.size() == 2) {
                return new StreamsEventResponse(
                        List.of(new StreamsEventResponse.BatchItemFailure("not-a-sequence-number")));
            }
            return new StreamsEventResponse(List.of());
        };
        writeThreeUsersInOneBatchWindow();

        await().atMost(Duration.ofSeconds(20)).until(() -> feed.deliveredRecords() == 3);
        assertEquals(List.of(3, 3, 3), calls);
    }

    @Test
    void aBatchThatExhaustsItsRetriesGoesToTheOnFailureLogAndTheStreamMovesOn() {
        answer = event -> {
            boolean poison = event.getRecords().stream()
                    .anyMatch(
                            r -> r.getDynamodb().getKeys().get("userId").getS().equals("poison"));
            return poison
                    ? new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                            event.getRecords().get(0).getDynamodb().getSequenceNumber())))
                    : new StreamsEventResponse(List.of());
        };
        put("poison", "basic");
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.droppedBatches().size() == 1);
        put("ada", "basic");

        await().atMost(Duration.ofSeconds(20)).until(() -> feed.deliveredRecords() == 1);
        ChangeFeed.DroppedBatch dropped = feed.droppedBatches().get(0);
        assertEquals(1, dropped.size());
        assertEquals("poison", dropped.keys().get(0).path("userId").path("S").asText());
        assertEquals(
                3, received.stream().filter(e -> users(e).contains("poison")).count(), "first try plus 2 retries");
    }

    private void writeThreeUsersInOneBatchWindow() {
        batchWrite(putRequest(item("u1", "basic")), putRequest(item("u2", "basic")), putRequest(item("u3", "basic")));
    }

    private void batchWrite(WriteRequest... requests) {
        client.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of(table, List.of(requests)))
                .build());
    }

    private static WriteRequest putRequest(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }

    private List<DynamodbEvent.DynamodbStreamRecord> awaitRecords(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> allRecords().size() >= count);
        return allRecords();
    }

    private List<DynamodbEvent.DynamodbStreamRecord> allRecords() {
        return received.stream().flatMap(e -> e.getRecords().stream()).toList();
    }

    private static List<String> users(DynamodbEvent event) {
        return event.getRecords().stream()
                .map(r -> r.getDynamodb().getKeys().get("userId").getS())
                .toList();
    }

    private void put(String user, String... entitlements) {
        client.putItem(b -> b.tableName(table).item(item(user, entitlements)));
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String user) {
        return Map.of("userId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(user));
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(
            String user, String... entitlements) {
        return Map.of(
                "userId",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(user),
                "entitlements",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of(entitlements)));
    }

    /** The entitlements in a record's image, sorted: a string set has no order. */
    private static List<String> entitlements(Map<String, AttributeValue> image) {
        return image.get("entitlements").getSS().stream().sorted().toList();
    }
}
