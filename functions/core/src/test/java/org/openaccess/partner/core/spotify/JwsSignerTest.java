package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwsSignerTest {
    /** Printed on Spotify's Open Access concepts page (seed 001), signed with 32 zeros. */
    private static final String SPOTIFY_EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJwYXJ0bmVyX2lkIjoiMDAwMDAwMDAwMDAwMDAwMDAwMDAwMCIsInBhcnRuZXJfdXNlcl9pZCI6IjYzZTZkNTRiLTk5M2EtNDQ3Zi1hMWU4LTFkMjVkZDVmMDlhYyIsImVudGl0bGVtZW50cyI6WyJlbnRpdGxlbWVudC0xIiwiZW50aXRsZW1lbnQtMiJdfQ"
            + ".22W1Mp9bDHUzg_KwBAWbT2B8aUvRU_5Kefau6LlLzyw";

    private static Map<String, Object> exampleFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partner_id", "0000000000000000000000");
        fields.put("partner_user_id", "63e6d54b-993a-447f-a1e8-1d25dd5f09ac");
        fields.put("entitlements", List.of("entitlement-1", "entitlement-2"));
        return fields;
    }

    @Test
    void signsSpotifysKnownAnswerVectorByteForByte() {
        assertEquals(SPOTIFY_EXAMPLE, JwsSigner.sign(exampleFields(), "00000000000000000000000000000000"));
    }

    @Test
    void headerIsExactlyAlgThenTyp() {
        String header = JwsSigner.sign(exampleFields(), "10ca1c11e275ec2e710ca1c11e275ec2")
                .split("\\.")[0];
        assertEquals(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    }

    @Test
    void aDifferentSecretGivesADifferentSignature() {
        String ours = JwsSigner.sign(exampleFields(), "10ca1c11e275ec2e710ca1c11e275ec2");
        assertNotEquals(SPOTIFY_EXAMPLE.split("\\.")[2], ours.split("\\.")[2]);
        assertEquals(SPOTIFY_EXAMPLE.split("\\.")[1], ours.split("\\.")[1]);
    }
}
