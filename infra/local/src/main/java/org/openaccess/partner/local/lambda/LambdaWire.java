package org.openaccess.partner.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Events and results through the Lambda runtime's own serialization, so a handler sees exactly the
 * objects Lambda would build from the service's JSON, and its result is read back as Lambda reads it.
 */
public final class LambdaWire {

    private LambdaWire() {}

    /** The event object the Java runtime builds from {@code json} for a handler taking {@code type}. */
    public static <T> T eventFromJson(String json, Class<T> type) {
        return serializerFor(type).fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The JSON the Java runtime sends back for a handler's result. */
    @SuppressWarnings("unchecked")
    public static String resultToJson(Object result) {
        if (result == null) {
            return "null";
        }
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) serializerFor(result.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
