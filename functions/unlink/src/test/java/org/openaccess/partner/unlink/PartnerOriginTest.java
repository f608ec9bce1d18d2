package org.openaccess.partner.unlink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSRF check of POST /unlink: only the partner's own origins (or a same-origin fetch) may unlink. */
class PartnerOriginTest {

    private final PartnerOrigin origins =
            new PartnerOrigin(List.of("https://partner.example", "http://localhost:3000"));

    @Test
    void aFormOnThePartnersOwnSiteIsAllowed() {
        assertTrue(origins.allows(Map.of("origin", "https://partner.example")));
        assertTrue(origins.allows(Map.of("origin", "https://PARTNER.example:443")), "default port, any case");
        assertTrue(origins.allows(Map.of("origin", "http://localhost:3000")));
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertFalse(origins.allows(Map.of("origin", "https://evil.example")));
        assertFalse(origins.allows(Map.of("origin", "http://partner.example")), "another scheme");
        assertFalse(origins.allows(Map.of("origin", "https://partner.example:8443")), "another port");
        assertFalse(origins.allows(Map.of("origin", "https://partner.example.evil.example")), "a longer host");
        assertFalse(origins.allows(Map.of("origin", "null")), "a sandboxed or privacy-sensitive context");
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
