package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Headers every response carries: nothing is cached (pages hold per-request links), no referrer leaks the
 * query string (which may hold a code or state), no content sniffing; HTML pages get the strict CSP.
 */
public final class SecurityHeaders {
    private SecurityHeaders() {}

    public static void applyTo(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers =
                response.getHeaders() == null ? new HashMap<>() : new HashMap<>(response.getHeaders());
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        String contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            headers.put("Content-Security-Policy", ErrorPage.CONTENT_SECURITY_POLICY);
            headers.put("X-Frame-Options", "DENY");
        }
        response.setHeaders(headers);
        if (response.getMultiValueHeaders() != null) {
            // HTTP APIs ignore multi-value headers in payload 2.0 responses; keep one source of truth.
            response.setMultiValueHeaders(null);
        }
    }
}
