package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * API Gateway HTTP API events for priming requests (built in memory, never sent anywhere), with every field API
 * Gateway fills, so that reading one warms the same setters the runtime's serializer uses for a real event.
 */
public final class PrimingEvents {
    private PrimingEvents() {}

    public static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent("priming");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("priming");
        context.setRouteKey("GET " + path);
        context.setStage("$default");
        context.setAccountId("000000000000");
        context.setApiId("priming");
        context.setDomainName("priming.local");
        context.setDomainPrefix("priming");
        context.setTime("01/Jan/2026:00:00:00 +0000");
        context.setTimeEpoch(1767225600000L);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET " + path);
        event.setRawPath(path);
        event.setRawQueryString(query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setHeaders(new LinkedHashMap<>(Map.of(
                "accept",
                "text/html",
                "host",
                "priming.local",
                "user-agent",
                "priming",
                "x-forwarded-proto",
                "https")));
        // A cookie no function reads (a session cookie would take another path): the cookie parsing runs.
        event.setCookies(new ArrayList<>(List.of("priming=1")));
        event.setIsBase64Encoded(false);
        event.setRequestContext(context);
        return event;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
