package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cookies of an API Gateway HTTP API (payload 2.0) request. API Gateway moves them out of the
 * {@code Cookie} header into the event's {@code cookies} list, which Micronaut does not read; a {@code cookie}
 * header (other front ends) is read too. The first cookie of a name wins; oversized values are ignored.
 */
public final class RequestCookies {
    /** Browsers cap a cookie at about 4 KB; anything longer is not one of ours. */
    static final int MAX_VALUE_LENGTH = 4096;

    private final Map<String, String> values;

    private RequestCookies(Map<String, String> values) {
        this.values = values;
    }

    public static RequestCookies of(APIGatewayV2HTTPEvent event) {
        List<String> pairs = new ArrayList<>();
        if (event.getCookies() != null) {
            pairs.addAll(event.getCookies());
        }
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if ("cookie".equalsIgnoreCase(name) && value != null) {
                    pairs.addAll(List.of(value.split(";")));
                }
            });
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = unquote(pair.substring(equals + 1).trim());
            if (!name.isEmpty() && value.length() <= MAX_VALUE_LENGTH) {
                values.putIfAbsent(name, value);
            }
        }
        return new RequestCookies(values);
    }

    /** The cookie's value, if the request carries a non-empty one. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
