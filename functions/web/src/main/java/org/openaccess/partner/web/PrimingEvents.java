package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Minimal API Gateway HTTP API events for priming requests (built in memory, never sent anywhere). */
public final class PrimingEvents {
    private PrimingEvents() {}

    public static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("priming");
        context.setRouteKey("GET " + path);
        context.setStage("$default");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET " + path);
        event.setRawPath(path);
        event.setRawQueryString(query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setHeaders(new LinkedHashMap<>(Map.of("accept", "text/html", "host", "priming.local")));
        event.setRequestContext(context);
        return event;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
