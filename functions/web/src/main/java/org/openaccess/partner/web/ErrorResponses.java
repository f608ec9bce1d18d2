package org.openaccess.partner.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link Failure} into a response: an HTML page for browsers, {@code {"error","message"}} JSON for
 * clients that ask for {@code application/json} and not for HTML. A {@link Notice} the same way, with 200 and
 * {@code {"status","message"}}.
 */
public final class ErrorResponses {
    public static final String HTML = "text/html; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {}

    public static MutableHttpResponse<String> of(Failure failure, Optional<String> accept) {
        return applyTo(HttpResponse.status(HttpStatus.valueOf(failure.status())), failure, accept);
    }

    /** Rewrites {@code response} (status, type, body, outcome) to show {@code failure}. */
    @SuppressWarnings("unchecked")
    public static MutableHttpResponse<String> applyTo(
            MutableHttpResponse<?> response, Failure failure, Optional<String> accept) {
        boolean json = wantsJson(accept);
        MutableHttpResponse<String> page = ((MutableHttpResponse<String>) response)
                .status(HttpStatus.valueOf(failure.status()))
                .contentType(json ? MediaType.APPLICATION_JSON : HTML)
                .body(json ? jsonBody(failure) : ErrorPage.render(failure));
        return Outcome.tag(page, "failed", failure.code());
    }

    /** A 200 page (or JSON) that is not an error; its code is the request's outcome. */
    public static MutableHttpResponse<String> of(Notice notice, Optional<String> accept) {
        boolean json = wantsJson(accept);
        MutableHttpResponse<String> page = HttpResponse.<String>ok()
                .contentType(json ? MediaType.APPLICATION_JSON : HTML)
                .body(
                        json
                                ? json("status", notice.code(), notice.message(), notice.retryPath())
                                : ErrorPage.render(notice));
        return Outcome.tag(page, notice.code());
    }

    public static MutableHttpResponse<String> of(Failure failure, HttpRequest<?> request) {
        return of(failure, Optional.ofNullable(request.getHeaders().get(HttpHeaders.ACCEPT)));
    }

    /** JSON only when the client asks for it and does not also accept HTML (browsers always list text/html). */
    public static boolean wantsJson(Optional<String> accept) {
        return accept.map(value -> value.contains("application/json") && !value.contains("text/html"))
                .orElse(false);
    }

    private static String jsonBody(Failure failure) {
        return json("error", failure.code(), failure.message(), failure.retryPath());
    }

    private static String json(String codeField, String code, String message, Optional<String> retryPath) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(codeField, code);
        body.put("message", message);
        retryPath.ifPresent(path -> body.put("retry", path));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
