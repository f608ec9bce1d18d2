package org.openaccess.partner.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.config.SettingsException;

class EnvironmentSecretSourceTest {
    private static final Map<String, String> LOCAL = Map.of(
            "SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2",
            "PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123",
            "PUID_KEY", "local-puid-key-0123456789abcdef012345");

    @Test
    void takesTheThreeValuesFromTheEnvironmentOutsideLambda() {
        PartnerSecrets secrets = new EnvironmentSecretSource(LOCAL).current();
        assertEquals("10ca1c11e275ec2e710ca1c11e275ec2", secrets.clientSecret());
        assertEquals("local-session-key-0123456789abcdef0123", secrets.sessionKey());
        assertEquals("local-puid-key-0123456789abcdef012345", secrets.puidKey());
    }

    @Test
    void isRefusedInsideLambdaEvenWithAllValuesSet() {
        Map<String, String> env = new java.util.HashMap<>(LOCAL);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "CallbackFunction");
        SettingsException e = assertThrows(SettingsException.class, () -> new EnvironmentSecretSource(env));
        assertTrue(e.getMessage().contains("SECRET_ID"), e.getMessage());
        assertFalse(e.getMessage().contains("10ca1c11e275ec2e710ca1c11e275ec2"));
    }

    @Test
    void namesEveryMissingValue() {
        SettingsException e = assertThrows(
                SettingsException.class,
                () -> new EnvironmentSecretSource(Map.of("PUID_KEY", "local-puid-key-0123456789abcdef012345")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("SPOTIFY_CLIENT_SECRET"));
        assertTrue(e.getMessage().contains("PARTNER_SESSION_KEY"));
        assertFalse(e.getMessage().contains("local-puid-key"));
    }
}
