package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The headers of an API Gateway HTTP API request, names in lower case (as API Gateway delivers them). */
public final class RequestHeaders {
    private RequestHeaders() {}

    public static Map<String, String> of(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new TreeMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        return headers;
    }

    /** The request's Accept header: it decides between a page and JSON. */
    public static Optional<String> accept(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(of(event).get("accept"));
    }
}
