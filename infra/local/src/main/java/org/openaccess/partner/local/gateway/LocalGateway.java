package org.openaccess.partner.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.local.LoopbackHttpServer;
import org.openaccess.partner.local.lambda.LambdaWire;
import org.openaccess.partner.local.lambda.LocalLambdaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local API Gateway HTTP API: each request that matches a template route becomes the payload 2.0 event
 * API Gateway would send, goes through the Lambda runtime's serialization to that route's real handler, and
 * the handler's result goes back the same way. Other paths (the demo site) are plain extra contexts.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);

    private final LoopbackHttpServer http;
    private final List<HttpRoute> routes;
    private final Optional<String> homePath;

    private LocalGateway(LoopbackHttpServer http, List<HttpRoute> routes, Optional<String> homePath) {
        this.http = http;
        this.routes = List.copyOf(routes);
        this.homePath = homePath;
    }

    /**
     * Lets requests over the JDK server's own head limits reach the gateway, which answers them as API Gateway does;
     * call before any JDK HTTP server of this JVM starts (the JDK reads its limits once).
     */
    public static void prepareJdkServer() {
        ApiGatewayFront.raiseJdkParserLimits();
    }

    /**
     * Serves {@code routes} on 127.0.0.1:{@code port}, plus {@code extraContexts} (path prefix -> handler).
     * {@code homePath}, when given, is where {@code GET /} redirects if no route serves it.
     */
    public static LocalGateway start(
            int port, List<HttpRoute> routes, Map<String, HttpHandler> extraContexts, Optional<String> homePath) {
        LoopbackHttpServer http = LoopbackHttpServer.bind(port, "LOCAL_API_PORT", "gateway");
        LocalGateway gateway = new LocalGateway(http, routes, homePath);
        ApiGatewayFront front = new ApiGatewayFront();
        http.server().createContext("/", gateway::serve).getFilters().add(front);
        extraContexts.forEach((path, handler) ->
                http.server().createContext(path, handler).getFilters().add(front));
        http.server().start();
        return gateway;
    }

    public URI baseUrl() {
        return http.baseUrl();
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = HttpApiEvents.newRequestId();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            for (HttpRoute route : routes) {
                Optional<Map<String, String>> parameters = route.match(method, path);
                if (parameters.isPresent()) {
                    invoke(exchange, route, parameters.get(), requestId);
                    return;
                }
            }
            if (homePath.isPresent() && "/".equals(path) && "GET".equals(method)) {
                exchange.getResponseHeaders().set("Location", homePath.get());
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            HttpApiResponses.sendMessage(exchange, 404, "Not Found", requestId);
        }
    }

    private void invoke(HttpExchange exchange, HttpRoute route, Map<String, String> parameters, String requestId)
            throws IOException {
        String eventJson = HttpApiEvents.toJson(exchange, route, parameters, requestId);
        String resultJson;
        try {
            APIGatewayV2HTTPEvent event = LambdaWire.eventFromJson(eventJson, APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse response;
            // One execution environment per function: like Lambda, it handles one request at a time.
            synchronized (route.handler()) {
                response = route.handler()
                        .handleRequest(event, LocalLambdaContext.of(route.functionName(), route.timeout()));
            }
            resultJson = LambdaWire.resultToJson(response);
        } catch (RuntimeException e) {
            // What API Gateway answers when the function fails; the cause goes to the log, never to the client.
            LOG.error("{} failed for {} (request {})", route.functionName(), route.routeKey(), requestId, e);
            HttpApiResponses.sendMessage(exchange, 500, "Internal Server Error", requestId);
            return;
        }
        HttpApiResponses.write(exchange, resultJson, requestId);
    }

    @Override
    public void close() {
        http.close();
    }
}
