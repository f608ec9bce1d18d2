package org.openaccess.partner.deployment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs in a child JVM whose class path is one HTTP function's jar plus this class (the event types come from the
 * jar): constructs the handler with its no-arg constructor, as Lambda does, and sends it one GET. Prints
 * {@code STATUS <code> <error code on the page, or ->}. Arguments: handler class, path, then query name/value pairs.
 */
public final class HttpRequestProbe {
    static final String STATUS = "STATUS ";

    private HttpRequestProbe() {}

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object function = type.getConstructor().newInstance();
        Method handle = type.getMethod("handleRequest", APIGatewayV2HTTPEvent.class, Context.class);
        String path = args[1];
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("http-request-probe");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(new HashMap<>(Map.of("accept", "text/html")));
        Map<String, String> query = new HashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            query.put(args[i], args[i + 1]);
        }
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) handle.invoke(function, event, null);
        String body = response.getBody() == null ? "" : response.getBody();
        int code = body.indexOf("<code>");
        String errorCode = code < 0 ? "-" : body.substring(code + 6, body.indexOf("</code>", code));
        System.out.println(STATUS + response.getStatusCode() + " " + errorCode);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
