package org.openaccess.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, headers and body (null body = none, e.g. "200, empty"). */
public record Response(int status, Map<String, String> headers, byte[] body) {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SET_COOKIE = "Set-Cookie";

    public static Response json(int status, Object value) {
        try {
            return new Response(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public static Response html(int status, String page) {
        return new Response(
                status, Map.of("Content-Type", "text/html; charset=utf-8"), page.getBytes(StandardCharsets.UTF_8));
    }

    public static Response empty(int status) {
        return new Response(status, Map.of(), null);
    }

    public static Response redirect(URI location) {
        return new Response(302, Map.of("Location", location.toString()), null);
    }

    /** Adds a {@code Set-Cookie}; several are kept one a line (a header value never holds a line break). */
    public Response withCookie(String cookie) {
        String earlier = headers.get(SET_COOKIE);
        return withHeader(SET_COOKIE, earlier == null ? cookie : earlier + "\n" + cookie);
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, more, body);
    }
}
