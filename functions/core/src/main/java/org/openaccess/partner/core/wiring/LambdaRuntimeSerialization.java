package org.openaccess.partner.core.wiring;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Priming for the Lambda runtime's own JSON: the runtime client reads every event and writes every answer with
 * {@code aws-lambda-java-serialization} (on the runtime's classpath, not in our artifact) before and after the
 * handler runs. Priming only the handler leaves that path cold, and on the first request after a restore it costs
 * more than the handler's own work. These methods pick the serializer the way the runtime client's
 * {@code EventHandlerLoader} does (Lambda's event classes through {@link LambdaEventSerializers}, anything else
 * through the shared {@link JacksonFactory}), so the same mapper and caches are warmed.
 * <p>
 * Off Lambda (tests, the local stack) the runtime's library is absent and nothing happens.
 */
public final class LambdaRuntimeSerialization {
    private static final String RUNTIME_SERIALIZERS =
            "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";

    private LambdaRuntimeSerialization() {}

    /** Whether the runtime's serialization library is on the classpath (on Lambda, and in the cold-start harness). */
    public static boolean available() {
        try {
            Class.forName(RUNTIME_SERIALIZERS, false, LambdaRuntimeSerialization.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /**
     * The event as the runtime would hand it to the handler: written to JSON and read back by the runtime's
     * serializer for its type. Empty off Lambda.
     */
    public static <T> Optional<T> asTheRuntimeReadsIt(T event) {
        return available() ? Optional.of(Runtime.roundTrip(event)) : Optional.empty();
    }

    /** The answer written as the runtime writes it back to Lambda. Empty off Lambda. */
    public static Optional<String> asTheRuntimeWritesIt(Object answer) {
        return available() ? Optional.of(Runtime.write(answer)) : Optional.empty();
    }

    /** Touches the runtime's classes only once {@link #available()} said they are there. */
    private static final class Runtime {
        @SuppressWarnings("unchecked")
        static <T> T roundTrip(T event) {
            PojoSerializer<T> serializer = serializerFor((Class<T>) event.getClass());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializer.toJson(event, json);
            // From bytes, as the runtime reads an invocation (a String takes another of Jackson's parsers).
            return serializer.fromJson(new ByteArrayInputStream(json.toByteArray()));
        }

        @SuppressWarnings("unchecked")
        static String write(Object answer) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializerFor((Class<Object>) answer.getClass()).toJson(answer, json);
            return json.toString(StandardCharsets.UTF_8);
        }

        private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
            if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
                return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
            }
            return JacksonFactory.getInstance().getSerializer(type);
        }
    }
}
