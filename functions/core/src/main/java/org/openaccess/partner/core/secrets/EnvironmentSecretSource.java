package org.openaccess.partner.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.SettingsException;

/**
 * Local development only: the three secret values from SPOTIFY_CLIENT_SECRET, PARTNER_SESSION_KEY and
 * PUID_KEY. Refused inside Lambda, so a deployed function never keeps a secret in its environment.
 */
public final class EnvironmentSecretSource implements SecretSource {
    /** Lambda sets this in every function's environment. */
    public static final String LAMBDA_MARKER = "AWS_LAMBDA_FUNCTION_NAME";

    private final PartnerSecrets secrets;

    public EnvironmentSecretSource(Map<String, String> env) {
        if (isLambda(env)) {
            throw new SettingsException(
                    List.of("Secrets are never read from the environment inside Lambda: set SECRET_ID"));
        }
        List<String> problems = new ArrayList<>();
        String clientSecret = value(env, Setting.SPOTIFY_CLIENT_SECRET, problems);
        String sessionKey = value(env, Setting.PARTNER_SESSION_KEY, problems);
        String puidKey = value(env, Setting.PUID_KEY, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        this.secrets = new PartnerSecrets(clientSecret, sessionKey, puidKey);
    }

    public static boolean isLambda(Map<String, String> env) {
        String marker = env.get(LAMBDA_MARKER);
        return marker != null && !marker.isBlank();
    }

    private static String value(Map<String, String> env, Setting setting, List<String> problems) {
        String value = env.get(setting.name());
        if (value == null || value.isBlank()) {
            problems.add(setting.name() + " is missing (needed when SECRET_ID is not set)");
            return null;
        }
        return value.trim();
    }

    @Override
    public PartnerSecrets current() {
        return secrets;
    }

    /** Nothing to re-read: the environment does not change under a running process. */
    @Override
    public PartnerSecrets reloadAfterRejection() {
        return secrets;
    }
}
