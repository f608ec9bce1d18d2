package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaEventsTest {

    @Test
    void readsTheStreamBatchAsTheRuntimeDoes() {
        DynamodbEvent batch = LambdaEvents.dynamodbEvent("entitlement-push/stream-batch.json");
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords();

        assertTrue(records.size() >= 6);
        Set<String> users = new LinkedHashSet<>();
        records.forEach(r -> users.add(r.getDynamodb().getKeys().get("userId").getS()));
        assertTrue(users.size() >= 3, "several users");
        assertTrue(users.size() < records.size(), "some users repeat");
        assertTrue(records.stream()
                .allMatch(
                        r -> r.getDynamodb().getStreamViewType().equals(StreamViewType.NEW_AND_OLD_IMAGES.toString())));

        DynamodbEvent.DynamodbStreamRecord remove = records.stream()
                .filter(r -> r.getEventName().equals("REMOVE"))
                .findFirst()
                .orElseThrow();
        assertNull(remove.getDynamodb().getNewImage());
        assertTrue(
                remove.getDynamodb().getOldImage().get("entitlements").getSS().contains("premium"));

        DynamodbEvent.DynamodbStreamRecord first = records.get(0);
        assertEquals("INSERT", first.getEventName());
        assertEquals(
                List.of("basic"),
                first.getDynamodb().getNewImage().get("entitlements").getSS());
        assertTrue(first.getEventSourceARN().contains(":table/")
                && first.getEventSourceARN().contains("/stream/"));
    }

    @Test
    void keepsStreamOrderBySequenceNumber() {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                LambdaEvents.dynamodbEvent("entitlement-push/stream-batch.json").getRecords();
        for (int i = 1; i < records.size(); i++) {
            assertTrue(new BigInteger(records.get(i - 1).getDynamodb().getSequenceNumber())
                            .compareTo(
                                    new BigInteger(records.get(i).getDynamodb().getSequenceNumber()))
                    < 0);
        }
    }

    @Test
    void readsTheScheduledEvent() {
        ScheduledEvent event = LambdaEvents.scheduledEvent("reconcile/scheduled.json");

        assertEquals("aws.events", event.getSource());
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals(2026, event.getTime().getYear());
        assertTrue(event.getResources().get(0).startsWith("arn:aws:events:"));
    }

    @Test
    void streamEventsSurviveARoundTripThroughTheRuntimeSerialization() {
        DynamodbEvent original = LambdaEvents.dynamodbEvent("entitlement-push/stream-batch.json");

        DynamodbEvent copy = LambdaEvents.fromJson(LambdaEvents.toJson(original), DynamodbEvent.class);

        assertEquals(original.getRecords().size(), copy.getRecords().size());
        for (int i = 0; i < original.getRecords().size(); i++) {
            assertEquals(
                    original.getRecords().get(i).getDynamodb(),
                    copy.getRecords().get(i).getDynamodb());
            assertEquals(
                    original.getRecords().get(i).getEventName(),
                    copy.getRecords().get(i).getEventName());
        }
    }

    @Test
    void writesHandlerResponsesAsTheRuntimeDoes() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", "https://accounts.example/authorize"))
                .withCookies(List.of("__Host-link=n; Secure; HttpOnly"))
                .build();

        APIGatewayV2HTTPResponse copy =
                LambdaEvents.fromJson(LambdaEvents.toJson(response), APIGatewayV2HTTPResponse.class);

        assertEquals(302, copy.getStatusCode());
        assertEquals("https://accounts.example/authorize", copy.getHeaders().get("Location"));
        assertEquals(response.getCookies(), copy.getCookies());
    }

    @Test
    void tellsTheEventTypeFromTheFile(@TempDir Path dir) throws Exception {
        DynamodbEvent batch = LambdaEvents.load(LambdaEvents.eventFile("entitlement-push/stream-batch.json"));
        ScheduledEvent tick = LambdaEvents.load(LambdaEvents.eventFile("reconcile/scheduled.json"));
        Path http = dir.resolve("link.json");
        Files.writeString(
                http, HttpEvents.get("/link").query("spotifyShowUri", "x").toJson());
        APIGatewayV2HTTPEvent link = LambdaEvents.load(http);

        assertEquals(
                "member-ada",
                batch.getRecords().get(0).getDynamodb().getKeys().get("userId").getS());
        assertEquals("aws.events", tick.getSource());
        assertEquals("x", link.getQueryStringParameters().get("spotifyShowUri"));

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\":\"world\"}");
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> LambdaEvents.typeOf(other));
        assertTrue(unknown.getMessage().contains("other.json"));
    }

    @Test
    void namesAMissingEventFile() {
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> LambdaEvents.eventFile("no/such-event.json"));
        assertTrue(missing.getMessage().contains("such-event.json"));
    }
}
