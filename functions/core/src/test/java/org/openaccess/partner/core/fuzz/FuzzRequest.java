package org.openaccess.partner.core.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.testkit.HttpEvents;

/**
 * One generated HTTP request, turned into the API Gateway v2 event a deployed handler receives ({@link HttpEvents}
 * does what API Gateway does: header names lower-cased, repeats comma-joined, cookies moved out of the headers,
 * query parameters decoded from the raw query string). Its {@code toString} is what jqwik shows for a failing
 * sample, shortened so that a 100 KB header does not flood the report.
 *
 * @param method as the client sent it (API Gateway passes any token; lower case included)
 * @param path the raw path
 * @param rawQuery the query string exactly as sent (percent-encoding errors included)
 * @param headers name/value pairs, in order, repeats allowed
 * @param cookies {@code name=value} strings as the browser sends them
 * @param body the body exactly as API Gateway passes it (base64 text when {@code base64}; or not, to test that), or null
 * @param base64 whether API Gateway marks the body base64-encoded
 */
public record FuzzRequest(
        String method,
        String path,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        List<String> cookies,
        String body,
        boolean base64) {

    public APIGatewayV2HTTPEvent toEvent() {
        HttpEvents builder = HttpEvents.request("GET", path).rawQuery(rawQuery);
        for (Map.Entry<String, String> header : headers) {
            builder.header(header.getKey(), header.getValue());
        }
        if (body != null) {
            builder.body(body);
        }
        APIGatewayV2HTTPEvent event = builder.build();
        event.setIsBase64Encoded(base64);
        // The method as sent, not upper-cased by the builder; the route key follows it as API Gateway's does.
        event.getRequestContext().getHttp().setMethod(method);
        event.setRouteKey(method + " " + path);
        List<String> all = new ArrayList<>(event.getCookies() == null ? List.of() : event.getCookies());
        all.addAll(cookies);
        event.setCookies(all.isEmpty() ? null : all);
        return event;
    }

    /** A copy with this raw query string and these cookies added (e.g. a callback's state, code and binding). */
    public FuzzRequest with(String query, List<String> moreCookies) {
        List<String> all = new ArrayList<>(cookies);
        all.addAll(moreCookies);
        return new FuzzRequest(method, path, query, headers, all, body, base64);
    }

    /** A copy whose body is exactly this string, marked base64 or not (e.g. a body that is not valid base64). */
    public FuzzRequest withRawBody(String rawBody, boolean isBase64) {
        return new FuzzRequest(method, path, rawQuery, headers, cookies, rawBody, isBase64);
    }

    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder().append(shown(method)).append(' ').append(shown(path));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            text.append('?').append(shown(rawQuery));
        }
        headers.forEach(
                h -> text.append("\n  ").append(shown(h.getKey())).append(": ").append(shown(h.getValue())));
        cookies.forEach(c -> text.append("\n  cookie ").append(shown(c)));
        if (body != null) {
            text.append("\n  body")
                    .append(base64 ? " (base64)" : "")
                    .append(": ")
                    .append(shown(body));
        }
        return text.toString();
    }

    /** Control characters escaped, long values cut (the length kept). */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(120).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.length() > 120) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
