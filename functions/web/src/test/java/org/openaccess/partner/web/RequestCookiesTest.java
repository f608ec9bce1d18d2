package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestCookiesTest {

    @Test
    void readsPayload2CookiesAndACookieHeaderFirstOneWins() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setCookies(List.of("partner_session=abc", "partner_session=second", "__Host-soa_link=\"n1\""));
        event.setHeaders(Map.of("Cookie", "theme=dark; partner_session=from-header"));

        RequestCookies cookies = RequestCookies.of(event);

        assertEquals(Optional.of("abc"), cookies.get("partner_session"));
        assertEquals(Optional.of("n1"), cookies.get("__Host-soa_link"));
        assertEquals(Optional.of("dark"), cookies.get("theme"));
        assertEquals(Optional.empty(), cookies.get("missing"));
    }

    @Test
    void emptyMalformedAndOversizedCookiesAreAbsent() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setCookies(List.of("empty=", "=novalue", "garbage", "big=" + "x".repeat(5000)));

        RequestCookies cookies = RequestCookies.of(event);

        assertEquals(Optional.empty(), cookies.get("empty"));
        assertEquals(Optional.empty(), cookies.get("big"));
        assertEquals(Optional.empty(), cookies.get("garbage"));
    }

    @Test
    void anEventWithoutCookiesOrHeadersHasNone() {
        assertEquals(
                Optional.empty(), RequestCookies.of(new APIGatewayV2HTTPEvent()).get("partner_session"));
    }
}
