package org.openaccess.partner.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openaccess.partner.local.changefeed.StreamSettings;
import org.openaccess.partner.local.gateway.HttpRoute;
import org.openaccess.partner.local.lambda.HandlerClasses;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * The template's functions, each handler class instantiated once: its HttpApi routes, its DynamoDB stream
 * consumer with the event source mapping's settings, and its schedules. A new route in the template needs
 * no change here.
 */
final class TemplateFunctions {

    record StreamConsumer(
            String functionName,
            String tableLogicalId,
            RequestHandler<DynamodbEvent, ?> handler,
            StreamSettings settings) {}

    record ScheduledFunction(String functionName, RequestHandler<ScheduledEvent, ?> handler, Duration timeout) {}

    private final SamTemplate template;
    private final Map<String, RequestHandler<?, ?>> handlers;

    private TemplateFunctions(SamTemplate template, Map<String, RequestHandler<?, ?>> handlers) {
        this.template = template;
        this.handlers = handlers;
    }

    /** Instantiates every function's handler once (Lambda's init phase), several at a time to start faster. */
    static TemplateFunctions load(SamTemplate template) {
        ExecutorService init =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            Map<String, Future<RequestHandler<?, ?>>> pending = new LinkedHashMap<>();
            for (SamTemplate.Function function : template.functions()) {
                pending.put(
                        function.logicalId(),
                        init.submit(() -> HandlerClasses.instantiate(function.handler(), RequestHandler.class)));
            }
            Map<String, RequestHandler<?, ?>> handlers = new LinkedHashMap<>();
            for (Map.Entry<String, Future<RequestHandler<?, ?>>> entry : pending.entrySet()) {
                handlers.put(entry.getKey(), await(entry.getValue()));
            }
            return new TemplateFunctions(template, handlers);
        } finally {
            init.shutdownNow();
        }
    }

    private static RequestHandler<?, ?> await(Future<RequestHandler<?, ?>> handler) {
        try {
            return handler.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the functions", e);
        }
    }

    @SuppressWarnings("unchecked")
    List<HttpRoute> routes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            List<SamTemplate.Event> http = function.events().stream()
                    .filter(e -> "HttpApi".equals(e.type()))
                    .toList();
            if (http.isEmpty()) {
                continue;
            }
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                            handlers.get(function.logicalId());
            for (SamTemplate.Event event : http) {
                routes.add(new HttpRoute(
                        event.method().toUpperCase(java.util.Locale.ROOT),
                        event.path(),
                        function.logicalId(),
                        handler,
                        timeout(function)));
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    Optional<StreamConsumer> streamConsumer() {
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.Event event : function.events()) {
                if ("DynamoDB".equals(event.type())) {
                    JsonNode properties = event.properties();
                    StreamSettings settings = new StreamSettings(
                            properties.path("BatchSize").asInt(100),
                            Duration.ofSeconds(properties
                                    .path("MaximumBatchingWindowInSeconds")
                                    .asInt(0)),
                            maximumRetries(properties),
                            Duration.ofSeconds(1),
                            timeout(function));
                    String table =
                            properties.path("Stream").path("Fn::GetAtt").path(0).asText("");
                    return Optional.of(new StreamConsumer(
                            function.logicalId(),
                            table,
                            (RequestHandler<DynamodbEvent, ?>) handlers.get(function.logicalId()),
                            settings));
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    List<ScheduledFunction> scheduledFunctions() {
        List<ScheduledFunction> scheduled = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            if (function.events().stream()
                    .anyMatch(e -> "Schedule".equals(e.type()) || "ScheduleV2".equals(e.type()))) {
                scheduled.add(new ScheduledFunction(
                        function.logicalId(),
                        (RequestHandler<ScheduledEvent, ?>) handlers.get(function.logicalId()),
                        timeout(function)));
            }
        }
        return scheduled;
    }

    /** Lambda's default is to retry until the record expires; locally a bound keeps a poison record from stalling. */
    private static int maximumRetries(JsonNode properties) {
        int configured = properties.path("MaximumRetryAttempts").asInt(-1);
        return configured < 0 ? 10 : configured;
    }

    private Duration timeout(SamTemplate.Function function) {
        return Duration.ofSeconds(
                template.functionProperty(function.logicalId(), "Timeout").asInt(3));
    }
}
