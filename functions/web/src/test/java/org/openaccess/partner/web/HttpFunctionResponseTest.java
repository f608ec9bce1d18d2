package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What HttpFunction does to every response on its way out. */
class HttpFunctionResponseTest {

    @Test
    void everySetCookieMovesToTheCookiesFieldAndInternalHeadersAreRemoved() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(new HashMap<>(Map.of(
                        "Location",
                        "https://x",
                        "Set-Cookie",
                        "a=1",
                        "X-Partner-Outcome",
                        "linked",
                        "X-Partner-Error-Code",
                        "none")))
                .withMultiValueHeaders(new HashMap<>(Map.of("Set-Cookie", List.of("a=1", "b=2"))))
                .build();

        Map<String, String> internal = HttpFunction.finish(response);

        assertEquals(List.of("a=1", "b=2"), response.getCookies());
        assertEquals("linked", internal.get("x-partner-outcome"));
        assertEquals("https://x", response.getHeaders().get("Location"));
        assertFalse(response.getHeaders().containsKey("Set-Cookie"));
        assertTrue(response.getHeaders().keySet().stream().noneMatch(name -> name.startsWith("X-Partner")));
        assertNull(response.getMultiValueHeaders());
    }

    @Test
    void securityHeadersOnEveryResponseAndCspOnPages() {
        APIGatewayV2HTTPResponse page = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(400)
                .withHeaders(new HashMap<>(Map.of("content-type", "text/html; charset=utf-8")))
                .build();
        APIGatewayV2HTTPResponse redirect =
                APIGatewayV2HTTPResponse.builder().withStatusCode(302).build();

        HttpFunction.finish(page);
        HttpFunction.finish(redirect);

        for (APIGatewayV2HTTPResponse response : List.of(page, redirect)) {
            assertEquals("no-store", response.getHeaders().get("Cache-Control"));
            assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"));
            assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
        }
        assertEquals(ErrorPage.CONTENT_SECURITY_POLICY, page.getHeaders().get("Content-Security-Policy"));
        assertNull(redirect.getHeaders().get("Content-Security-Policy"));
    }

    @Test
    void eventsWithoutRequestContextMethodOrPathAreMalformed() {
        APIGatewayV2HTTPEvent event = PrimingEvents.get("/link", Map.of());
        assertTrue(HttpFunction.isWellFormed(event));

        event.getRequestContext().getHttp().setPath("link");
        assertFalse(HttpFunction.isWellFormed(event));
        event.getRequestContext().getHttp().setPath(null);
        assertFalse(HttpFunction.isWellFormed(event));
        event.setRequestContext(null);
        assertFalse(HttpFunction.isWellFormed(event));
        assertFalse(HttpFunction.isWellFormed(null));
    }
}
