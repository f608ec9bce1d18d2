package org.openaccess.partner.coldstart.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The baseline every function is compared with: the smallest handler the java21 runtime can run, in an artifact of
 * its own. It answers like an HTTP API function and registers a priming hook the way the functions do, so that both
 * the plain and the SnapStart path are measured for it too; it says in its answer whether the hook ran.
 */
public class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {

    private static final String PRIMING_EVENT = "{\"version\":\"2.0\",\"rawPath\":\"/priming\"}";

    private volatile boolean primed;

    public HelloHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object path = event == null ? null : event.get("rawPath");
        return Map.of(
                "statusCode",
                200,
                "headers",
                Map.of("content-type", "text/plain"),
                "body",
                "hello from " + (path == null ? "/" : path),
                "primed",
                primed);
    }

    /**
     * Priming: one request through the handler before the snapshot, with no network and no randomness. It goes
     * through the runtime's own serializer (the singleton the runtime client reads events with, on the runtime's
     * classpath), because reading the first event costs more than the handler's work.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Type[] types = ((ParameterizedType) HelloHandler.class.getGenericInterfaces()[0]).getActualTypeArguments();
        PojoSerializer<Object> events = JacksonFactory.getInstance().getSerializer(types[0]);
        PojoSerializer<Object> answers = JacksonFactory.getInstance().getSerializer(types[1]);
        Map<String, Object> event = (Map<String, Object>) events.fromJson(PRIMING_EVENT);
        answers.toJson(handleRequest(event, null), OutputStream.nullOutputStream());
        primed = true;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the handler holds no connection and no secret
    }
}
