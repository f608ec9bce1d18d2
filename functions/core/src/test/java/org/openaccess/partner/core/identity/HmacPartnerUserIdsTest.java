package org.openaccess.partner.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;

class HmacPartnerUserIdsTest {
    private static final String PUID_KEY = "local-puid-key-0123456789abcdef012345";
    private static final String DEFAULT_PARTNER = "LocalDemoPartner000001";
    private static final String CREATOR = "LocalCreatorPartner002";

    private static PartnerUserIds withKey(String puidKey) {
        return new HmacPartnerUserIds(
                new EnvironmentSecretSource(Map.of(
                        "SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2",
                        "PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123",
                        "PUID_KEY", puidKey)),
                DEFAULT_PARTNER);
    }

    private static Membership atDefault(String userId) {
        return new Membership(userId, DEFAULT_PARTNER);
    }

    /** HMAC-SHA256 computed here independently of the adapter, from the documented definition. */
    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String expectedDefault(String key, String userId) throws Exception {
        return HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), userId));
    }

    private static String expectedOther(String key, String partnerId, String userId) throws Exception {
        byte[] partnerKey = hmac(key.getBytes(StandardCharsets.UTF_8), "puid-partner:" + partnerId);
        return HexFormat.of().formatHex(hmac(partnerKey, userId));
    }

    @Test
    void theDefaultPartnerKeepsTheHmacOfTheUserIdKeyedWithThePuidKey() throws Exception {
        assertEquals(expectedDefault(PUID_KEY, "member-1042"), withKey(PUID_KEY).derive(atDefault("member-1042")));
        assertEquals(
                expectedDefault(PUID_KEY, "zoë@example.org"), withKey(PUID_KEY).derive(atDefault("zoë@example.org")));
    }

    @Test
    void anotherPartnerUsesItsOwnKeyDerivedFromThePuidKeyAndItsId() throws Exception {
        assertEquals(
                expectedOther(PUID_KEY, CREATOR, "member-1042"),
                withKey(PUID_KEY).derive(new Membership("member-1042", CREATOR)));
    }

    @Test
    void oneUsersPuidsDifferFromPartnerToPartner() {
        PartnerUserIds ids = withKey(PUID_KEY);
        String atDefault = ids.derive(atDefault("member-1"));
        String atCreator = ids.derive(new Membership("member-1", CREATOR));
        String atThird = ids.derive(new Membership("member-1", "ThirdCreatorPartner003"));
        assertNotEquals(atDefault, atCreator);
        assertNotEquals(atCreator, atThird);
        assertNotEquals(atDefault, atThird);
        assertEquals(atCreator, ids.derive(new Membership("member-1", CREATOR)), "stable");
    }

    @Test
    void noUserIdAtTheDefaultPartnerTakesAnotherPartnersPuid() {
        // With a plain HMAC over "partnerId:userId" this user id at the default partner would share the PUID.
        PartnerUserIds ids = withKey(PUID_KEY);
        assertNotEquals(ids.derive(new Membership("member-1", CREATOR)), ids.derive(atDefault(CREATOR + ":member-1")));
        assertNotEquals(
                ids.derive(new Membership("member-1", CREATOR)),
                ids.derive(atDefault("puid-partner:" + CREATOR + "member-1")));
    }

    @Test
    void isSixtyFourHexCharactersThatSpotifyAcceptsForEveryPartner() {
        for (Membership membership :
                new Membership[] {atDefault("ada@example.org"), new Membership("ada@example.org", CREATOR)}) {
            String puid = withKey(PUID_KEY).derive(membership);
            assertTrue(puid.matches("^[0-9a-f]{64}$"), puid);
            assertTrue(puid.matches("^[0-9a-f]{16,128}$"), "Spotify's partner_user_id rule");
            assertFalse(puid.contains("ada"));
        }
    }

    @Test
    void isStablePerUserAndDiffersAcrossUsersAndKeys() {
        PartnerUserIds ids = withKey(PUID_KEY);
        assertEquals(ids.derive(atDefault("member-1")), ids.derive(atDefault("member-1")));
        assertNotEquals(ids.derive(atDefault("member-1")), ids.derive(atDefault("member-2")));
        assertNotEquals(
                ids.derive(atDefault("member-1")),
                withKey("another-puid-key-0123456789abcdef0").derive(atDefault("member-1")));
        assertNotEquals(
                ids.derive(new Membership("member-1", CREATOR)),
                withKey("another-puid-key-0123456789abcdef0").derive(new Membership("member-1", CREATOR)));
    }

    @Test
    void refusesAMembershipWithoutUserOrPartner() {
        assertThrows(IllegalArgumentException.class, () -> atDefault(""));
        assertThrows(IllegalArgumentException.class, () -> new Membership("member-1", ""));
    }
}
