package org.openaccess.partner.callback;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Run in its own JVM with only the Lambda jar (and this class) on the class path and the settings in the
 * environment, as Lambda would: constructs the handler named in template.yaml with its no-arg constructor and
 * sends one request that needs neither AWS nor Spotify. Prints {@code STATUS <code> <x-error-code>}.
 */
public final class ArtifactProbe {
    private ArtifactProbe() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args[0];
        String path = args[1];
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        Object function = type.getConstructor().newInstance();
        Method handle = type.getMethod("handleRequest", APIGatewayV2HTTPEvent.class, Context.class);
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("artifact-probe");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(new HashMap<>(Map.of("accept", "text/html")));
        if (args.length > 2) {
            event.setQueryStringParameters(new HashMap<>(Map.of(args[2], args[3])));
        }
        APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) handle.invoke(function, event, null);
        String body = response.getBody() == null ? "" : response.getBody();
        int code = body.indexOf("<code>");
        String errorCode = code < 0 ? "-" : body.substring(code + 6, body.indexOf("</code>", code));
        System.out.println("STATUS " + response.getStatusCode() + " " + errorCode);
    }
}
