package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Origin a browser sends is compared, as serialized, with the configured partner origins: exactly. */
class PartnerOriginTest {
    private final PartnerOrigin origins =
            new PartnerOrigin(List.of("http://127.0.0.1:3000", "https://partner.example"));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3000", "https://partner.example"})
    void aConfiguredOriginIsAllowed(String origin) {
        assertTrue(origins.allows(Map.of("origin", origin)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://evil.example@127.0.0.1:3000",
                "https://evil.example@partner.example",
                "http://127.0.0.1:3000/evil",
                "https://partner.example/",
                "HTTP://127.0.0.1:3000",
                "HTTPS://partner.example",
                "https://PARTNER.example",
                "https://partner.example:443",
                "http://127.0.0.1:3000?x=1",
                "http://127.0.0.1:3000#x",
                "null",
                "https://partner.example.evil.example",
                "http://partner.example"
            })
    void anythingElseIsRefused(String origin) {
        assertFalse(origins.allows(Map.of("origin", origin)));
    }

    @Test
    void aDefaultPortIsAllowedOnlyWhenItIsConfigured() {
        PartnerOrigin withPort = new PartnerOrigin(List.of("https://partner.example:443"));
        assertTrue(withPort.allows(Map.of("origin", "https://partner.example:443")));
        assertFalse(withPort.allows(Map.of("origin", "https://partner.example")));
    }

    @Test
    void anOriginOverrulesWhatFetchMetadataSays() {
        assertFalse(origins.allows(Map.of("origin", "https://evil.example", "sec-fetch-site", "same-origin")));
    }

    @Test
    void withoutAnOriginOnlyASameOriginFetchIsAllowed() {
        assertTrue(origins.allows(Map.of("sec-fetch-site", "same-origin")));
        assertFalse(origins.allows(Map.of("sec-fetch-site", "cross-site")));
        assertFalse(origins.allows(Map.of("sec-fetch-site", "same-site")), "a sibling subdomain");
        assertFalse(origins.allows(Map.of()), "a request that says nothing");
        assertFalse(origins.allows(Map.of("origin", " ")), "an empty origin says nothing either");
    }
}
