package org.openaccess.partner.coldstart;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.coldstart.backends.LocalBackends;

/**
 * The template's parameters and API-derived variables, given the project's local values: the local client and
 * partner of the emulator, the local gateway on port 3000, and the local secret's id.
 */
public final class LocalParameters {

    static final String LOCAL_GATEWAY = "http://127.0.0.1:3000";

    private LocalParameters() {}

    /** {@code !Ref} target -> value: the template's defaults, the local values, then the tables created locally. */
    public static Map<String, String> references(Map<String, String> parameterDefaults, LocalBackends backends) {
        Map<String, String> references = new LinkedHashMap<>(parameterDefaults);
        references.put("SpotifyClientId", EmulatorConfig.LOCAL_CLIENT_ID);
        references.put("SpotifyPartnerId", EmulatorConfig.LOCAL_PARTNER_ID);
        references.put("ClientSecretArn", LocalBackends.SECRET_ID);
        references.put("PartnerLoginUrl", LOCAL_GATEWAY + "/login");
        references.put("PartnerOrigins", LOCAL_GATEWAY);
        references.put("UnlinkReturnUrl", LOCAL_GATEWAY + "/account");
        // Spotify's completion page is the emulator's, on the loopback address.
        references.put("AllowedCompletionHosts", "127.0.0.1");
        references.put("SpotifyAccountsUrl", backends.endpoints().get("SPOTIFY_ACCOUNTS_URL"));
        references.put("SpotifyOpenAccessUrl", backends.endpoints().get("SPOTIFY_OPEN_ACCESS_URL"));
        references.putAll(backends.tables());
        return references;
    }

    /** Variables set whatever the template says: the SDK's endpoints, and the callback behind the local gateway. */
    public static Map<String, String> overrides(LocalBackends backends) {
        Map<String, String> overrides = new LinkedHashMap<>(backends.endpoints());
        overrides.put("CALLBACK_URL", EmulatorConfig.LOCAL_REDIRECT_URI);
        return overrides;
    }
}
