package org.openaccess.partner.core.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.testkit.ShownError;

/**
 * The properties every answer of an HTTP function keeps, whatever it was sent (issue 12, docs/fuzzing.md):
 * never a 5xx while its dependencies are up, never a stack trace or exception name in a body, every 4xx with a
 * stable code from the function's documented list, shown where the listener sees it, and no header a client could
 * be split or injected with.
 */
public final class Answers {
    /** What a stack trace or an exception's message would leave in a body. */
    private static final List<String> TRACE_MARKS = List.of("Exception", "at org.", "at java.", "java.", "Caused by");

    private Answers() {}

    /**
     * Asserts the shared properties and returns the shown code of a 4xx (empty for other statuses, and for an answer
     * to HEAD without a body to show one in).
     *
     * @param method the request's method
     * @param documented4xx the function's closed list of 4xx codes
     */
    public static String check(APIGatewayV2HTTPResponse response, String method, Set<String> documented4xx) {
        if (response == null) {
            throw new AssertionError("no answer at all");
        }
        int status = response.getStatusCode();
        String body = response.getBody() == null ? "" : response.getBody();
        if (status < 200 || status >= 500) {
            throw new AssertionError("status " + status + " while every dependency is up: " + shorten(body));
        }
        for (String mark : TRACE_MARKS) {
            if (body.contains(mark)) {
                throw new AssertionError("the body shows \"" + mark + "\": " + shorten(body));
            }
        }
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        headers.forEach((name, value) -> {
            if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new AssertionError("header " + name + " holds CR, LF or NUL");
            }
        });
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> {
                if (cookie.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new AssertionError("a Set-Cookie holds CR, LF or NUL");
                }
            });
        }
        if (status >= 400 && "HEAD".equalsIgnoreCase(method) && body.isEmpty()) {
            return ""; // Micronaut answers HEAD without the body (API Gateway would drop it anyway)
        }
        if (status >= 400) {
            String code = ShownError.code(response);
            if (!documented4xx.contains(code)) {
                throw new AssertionError("status " + status + " with code \"" + code + "\", not in the documented list "
                        + documented4xx);
            }
            return code;
        }
        return "";
    }

    private static String shorten(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
