package org.openaccess.partner.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable code a function's answer shows, read where the listener or client sees it: the {@code error} field
 * of a JSON answer, or the code element of a page ({@code <p class="code">Error code: <code>…</code></p>}).
 */
public final class ShownError {
    private static final Pattern PAGE_CODE = Pattern.compile("<p class=\"code\">Error code: <code>([^<]*)</code></p>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShownError() {}

    /** The code shown, or an AssertionError naming what the answer was instead. */
    public static String code(APIGatewayV2HTTPResponse response) {
        return field(response, "error");
    }

    /**
     * The code a page or a JSON answer carries in {@code field} ({@code status} for a notice that is not an
     * error); pages show every code in the same element.
     */
    public static String field(APIGatewayV2HTTPResponse response, String field) {
        String body = response.getBody() == null ? "" : response.getBody();
        String type = response.getHeaders() == null ? "" : response.getHeaders().getOrDefault("Content-Type", "");
        if (type.startsWith("application/json")) {
            try {
                JsonNode value = JSON.readTree(body).path(field);
                if (value.isTextual()) {
                    return value.asText();
                }
            } catch (IOException notJson) {
                throw new AssertionError("a JSON answer that is not JSON: " + body, notJson);
            }
            throw new AssertionError("no \"" + field + "\" field in " + body);
        }
        Matcher code = PAGE_CODE.matcher(body);
        if (!code.find()) {
            throw new AssertionError("no error code element in the page (" + response.getStatusCode() + "): " + body);
        }
        return code.group(1);
    }
}
