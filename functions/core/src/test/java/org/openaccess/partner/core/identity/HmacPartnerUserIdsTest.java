package org.openaccess.partner.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;

class HmacPartnerUserIdsTest {
    private static final String PUID_KEY = "local-puid-key-0123456789abcdef012345";

    private static PartnerUserIds withKey(String puidKey) {
        return new HmacPartnerUserIds(new EnvironmentSecretSource(Map.of(
                "SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2",
                "PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123",
                "PUID_KEY", puidKey)));
    }

    /** Computed here independently of the adapter, from the definition. */
    private static String expected(String key, String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(userId.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    @Test
    void isTheLowercaseHexHmacOfTheUserIdKeyedWithThePuidKey() throws Exception {
        assertEquals(expected(PUID_KEY, "member-1042"), withKey(PUID_KEY).derive("member-1042"));
        assertEquals(expected(PUID_KEY, "zoë@example.org"), withKey(PUID_KEY).derive("zoë@example.org"));
    }

    @Test
    void isSixtyFourHexCharactersThatSpotifyAccepts() {
        String puid = withKey(PUID_KEY).derive("ada@example.org");
        assertTrue(puid.matches("^[0-9a-f]{64}$"), puid);
        assertTrue(puid.matches("^[0-9a-f]{16,128}$"), "Spotify's partner_user_id rule");
        assertTrue(!puid.contains("ada"));
    }

    @Test
    void isStablePerUserAndDiffersAcrossUsersAndKeys() {
        PartnerUserIds ids = withKey(PUID_KEY);
        assertEquals(ids.derive("member-1"), ids.derive("member-1"));
        assertNotEquals(ids.derive("member-1"), ids.derive("member-2"));
        assertNotEquals(
                ids.derive("member-1"),
                withKey("another-puid-key-0123456789abcdef0").derive("member-1"));
    }

    @Test
    void refusesAnEmptyUserId() {
        assertThrows(IllegalArgumentException.class, () -> withKey(PUID_KEY).derive(""));
    }
}
