package org.openaccess.partner.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the running local stack as {@code ./run-local} resolves them: the same environment variables with
 * the same defaults as infra/local's {@code LocalSettings} (a test keeps the two equal), so that {@code ./admin --local}
 * reaches the DynamoDB and the Spotify the stack reaches. Only what the operator command needs is read here.
 */
final class LocalStackSettings {
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private LocalStackSettings(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("LOCAL_API_PORT", "3000");
        defaults.put("LOCAL_DYNAMODB_PORT", "8000");
        defaults.put("EMULATOR_PORT", "8090");
        defaults.put("LOCAL_TABLE_SUFFIX", "local");
        defaults.put("AWS_REGION", "us-east-1");
        defaults.put("SPOTIFY_CLIENT_ID", "c0ffee00c0ffee00c0ffee00c0ffee00");
        defaults.put("SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2");
        defaults.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        defaults.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        return defaults;
    }

    static LocalStackSettings from(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        DEFAULTS.forEach((name, value) -> values.put(name, given(env, name).orElse(value)));
        for (String port : List.of("LOCAL_API_PORT", "LOCAL_DYNAMODB_PORT", "EMULATOR_PORT")) {
            String value = values.get(port);
            if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) == 0 || Integer.parseInt(value) > 65535) {
                throw new AdminFailure(
                        ExitCodes.USAGE, port + " must be a number from 1 to 65535, not '" + value + "'");
            }
        }
        String emulator = "http://127.0.0.1:" + values.get("EMULATOR_PORT");
        // As ./run-local: another Spotify only when both of its URLs are given.
        boolean externalSpotify = given(env, "SPOTIFY_ACCOUNTS_URL").isPresent()
                && given(env, "SPOTIFY_OPEN_ACCESS_URL").isPresent();
        values.put(
                "SPOTIFY_ACCOUNTS_URL",
                externalSpotify ? given(env, "SPOTIFY_ACCOUNTS_URL").orElseThrow() : emulator);
        values.put(
                "SPOTIFY_OPEN_ACCESS_URL",
                externalSpotify ? given(env, "SPOTIFY_OPEN_ACCESS_URL").orElseThrow() : emulator + "/api/v1");
        values.put(
                "PARTNERS_TABLE", given(env, "PARTNERS_TABLE").orElse("partners-" + values.get("LOCAL_TABLE_SUFFIX")));
        // The tables the operator's user commands read, named as ./run-local names them.
        String suffix = values.get("LOCAL_TABLE_SUFFIX");
        for (String[] table : new String[][] {
            {"LINKS_TABLE", "links-"},
            {"ENTITLEMENTS_TABLE", "entitlements-"},
            {"LINK_STATES_TABLE", "link-states-"},
            {"RECONCILE_STATE_TABLE", "reconcile-state-"}
        }) {
            values.put(table[0], given(env, table[0]).orElse(table[1] + suffix));
        }
        values.put(
                "PUBLIC_BASE_URL",
                given(env, "PUBLIC_BASE_URL").orElse("http://127.0.0.1:" + values.get("LOCAL_API_PORT")));
        values.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + values.get("LOCAL_DYNAMODB_PORT"));
        values.put("AWS_ACCESS_KEY_ID", given(env, "AWS_ACCESS_KEY_ID").orElse("local"));
        values.put("AWS_SECRET_ACCESS_KEY", given(env, "AWS_SECRET_ACCESS_KEY").orElse("local"));
        return new LocalStackSettings(values);
    }

    private static Optional<String> given(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String text(String name) {
        return values.get(name);
    }

    URI uri(String name) {
        return URI.create(values.get(name));
    }
}
