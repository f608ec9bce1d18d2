package org.openaccess.partner.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Reads and writes events with the Lambda Java runtime's own serialization, so a test sees an event exactly as a
 * deployed handler would (including the runtime's quirks, e.g. DynamoDB attribute values and Joda times).
 */
public final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {}

    /** An event of {@code type} from JSON, read as the Lambda runtime reads it. */
    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** An event of {@code type} from a JSON file. */
    public static <T> T load(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read event " + file, e);
        }
    }

    /**
     * An event from a JSON file, its type told by its content as Lambda's event sources shape them: an API Gateway
     * HTTP API 2.0 event, a DynamoDB stream batch or an EventBridge scheduled event.
     * <pre>DynamodbEvent batch = LambdaEvents.load(LambdaEvents.eventFile("entitlement-push/stream-batch.json"));</pre>
     */
    @SuppressWarnings("unchecked")
    public static <T> T load(Path file) {
        return (T) load(file, typeOf(file));
    }

    /** The event class for a JSON event file: {@code APIGatewayV2HTTPEvent}, {@code DynamodbEvent} or {@code ScheduledEvent}. */
    public static Class<?> typeOf(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read event " + file, e);
        }
        if ("2.0".equals(json.path("version").asText()) && json.has("rawPath")) {
            return APIGatewayV2HTTPEvent.class;
        }
        if ("aws:dynamodb".equals(json.at("/Records/0/eventSource").asText())) {
            return DynamodbEvent.class;
        }
        if (json.has("detail-type") && "aws.events".equals(json.path("source").asText())) {
            return ScheduledEvent.class;
        }
        throw new IllegalArgumentException(file + " is none of: an HTTP API 2.0 event (version 2.0 + rawPath), "
                + "a DynamoDB stream batch (Records of aws:dynamodb), a scheduled event (source aws.events)");
    }

    /** The file {@code events/<relativePath>} of the repository, e.g. {@code entitlement-push/stream-batch.json}. */
    public static Path eventFile(String relativePath) {
        Path file = RepoRoot.path().resolve("events").resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No event file " + file);
        }
        return file;
    }

    /** The names of the event files in {@code events/<folder>}, sorted: what parameterized tests run over. */
    public static List<String> files(String folder) {
        try (Stream<Path> files = Files.list(RepoRoot.path().resolve("events").resolve(folder))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + folder + " cannot be listed", e);
        }
    }

    /** An event of {@code type} from {@code events/<relativePath>}. */
    public static <T> T load(String relativePath, Class<T> type) {
        return load(eventFile(relativePath), type);
    }

    /** An API Gateway HTTP API (payload 2.0) event from {@code events/<relativePath>}. */
    public static APIGatewayV2HTTPEvent httpEvent(String relativePath) {
        return load(relativePath, APIGatewayV2HTTPEvent.class);
    }

    /** A DynamoDB stream event from {@code events/<relativePath>}. */
    /** The answer a folder's README documents for one of its files; a file without one fails its test. */
    public static <A> A documentedAnswer(Map<String, A> answers, String folder, String file) {
        A answer = answers.get(file);
        if (answer == null) {
            throw new AssertionError("events/" + folder + "/" + file + " has no documented answer");
        }
        return answer;
    }

    /** One of {@code events/}' HTTP files sent to a handler as {@code sam local invoke} would, with a test context. */
    public static APIGatewayV2HTTPResponse sendHttp(
            String relativePath, BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler) {
        return handler.apply(httpEvent(relativePath), TestContext.create());
    }

    public static DynamodbEvent dynamodbEvent(String relativePath) {
        return load(relativePath, DynamodbEvent.class);
    }

    /** An EventBridge scheduled event from {@code events/<relativePath>}. */
    public static ScheduledEvent scheduledEvent(String relativePath) {
        return load(relativePath, ScheduledEvent.class);
    }

    /** The JSON the Lambda runtime would write for {@code value} (an event or a handler's response). */
    @SuppressWarnings("unchecked")
    public static <T> String toJson(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<T>) value.getClass()).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader());
    }
}
