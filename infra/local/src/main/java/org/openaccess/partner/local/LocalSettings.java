package org.openaccess.partner.local;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.config.Setting;

/**
 * Every setting of the local stack, in one place: read from the environment with documented defaults
 * (the project's local values), plus the settings derived from them that the functions read at init
 * (CALLBACK_URL from LOCAL_API_PORT, table names, the DynamoDB endpoint, ...). Because the functions read
 * {@code System.getenv()}, the stack's JVM must be started with {@link #environment()}: {@code ./run-local}
 * does that by asking {@code LocalStack --print-env} first.
 */
public final class LocalSettings {

    /** The values a user may set; everything else is derived. Secrets are local development values only. */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> environment;

    private LocalSettings(Map<String, String> environment) {
        this.environment = environment;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("LOCAL_API_PORT", "3000");
        defaults.put("LOCAL_DYNAMODB_PORT", "8000");
        defaults.put("EMULATOR_PORT", "8090");
        defaults.put("LOCAL_RECONCILE_SECONDS", "60");
        defaults.put("LOCAL_TABLE_SUFFIX", "local");
        defaults.put("LOCAL_TEMPLATE", "");
        defaults.put("AWS_REGION", "us-east-1");
        defaults.put("SPOTIFY_CLIENT_ID", "c0ffee00c0ffee00c0ffee00c0ffee00");
        defaults.put("SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2");
        defaults.put("SPOTIFY_PARTNER_ID", "LocalDemoPartner000001");
        defaults.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        defaults.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        defaults.put("PARTNER_SESSION_COOKIE", "partner_session");
        return defaults;
    }

    /** Resolves {@code env}: given values win, defaults and derived values fill the rest. */
    public static LocalSettings from(Map<String, String> env) {
        Map<String, String> resolved = new LinkedHashMap<>();
        DEFAULTS.forEach((name, value) -> resolved.put(name, given(env, name).orElse(value)));
        List<String> problems = new ArrayList<>();
        for (String port :
                List.of("LOCAL_API_PORT", "LOCAL_DYNAMODB_PORT", "EMULATOR_PORT", "LOCAL_RECONCILE_SECONDS")) {
            if (!resolved.get(port).matches("[0-9]{1,5}")
                    || Integer.parseInt(resolved.get(port)) == 0
                    || Integer.parseInt(resolved.get(port)) > 65535) {
                problems.add(port + " must be a number from 1 to 65535, not '" + resolved.get(port) + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String api = "http://127.0.0.1:" + resolved.get("LOCAL_API_PORT");
        String emulator = "http://127.0.0.1:" + resolved.get("EMULATOR_PORT");
        boolean externalSpotify = given(env, "SPOTIFY_ACCOUNTS_URL").isPresent()
                && given(env, "SPOTIFY_OPEN_ACCESS_URL").isPresent()
                && !given(env, "LOCAL_EMULATOR").map("true"::equals).orElse(false);
        resolved.put("LOCAL_EMULATOR", Boolean.toString(!externalSpotify));
        resolved.put("SPOTIFY_ACCOUNTS_URL", given(env, "SPOTIFY_ACCOUNTS_URL").orElse(emulator));
        resolved.put(
                "SPOTIFY_OPEN_ACCESS_URL", given(env, "SPOTIFY_OPEN_ACCESS_URL").orElse(emulator + "/api/v1"));
        resolved.put(
                "SPOTIFY_CONTENT_ACCESS_URL",
                given(env, "SPOTIFY_CONTENT_ACCESS_URL")
                        .orElse(externalSpotify ? defaultOf(Setting.SPOTIFY_CONTENT_ACCESS_URL) : emulator));
        resolved.put("CALLBACK_URL", given(env, "CALLBACK_URL").orElse(api + "/callback"));
        resolved.put("PARTNER_LOGIN_URL", given(env, "PARTNER_LOGIN_URL").orElse(api + "/demo/login"));
        resolved.put("UNLINK_RETURN_URL", given(env, "UNLINK_RETURN_URL").orElse(api + "/demo/account"));
        resolved.put("PARTNER_ORIGINS", given(env, "PARTNER_ORIGINS").orElse(api));
        resolved.put(
                "ALLOWED_COMPLETION_HOSTS",
                given(env, "ALLOWED_COMPLETION_HOSTS")
                        .orElse(externalSpotify ? defaultOf(Setting.ALLOWED_COMPLETION_HOSTS) : "127.0.0.1"));
        String suffix = resolved.get("LOCAL_TABLE_SUFFIX");
        resolved.put("LINK_STATES_TABLE", given(env, "LINK_STATES_TABLE").orElse("link-states-" + suffix));
        resolved.put("LINKS_TABLE", given(env, "LINKS_TABLE").orElse("links-" + suffix));
        resolved.put("ENTITLEMENTS_TABLE", given(env, "ENTITLEMENTS_TABLE").orElse("entitlements-" + suffix));
        resolved.put(
                "RECONCILE_STATE_TABLE", given(env, "RECONCILE_STATE_TABLE").orElse("reconcile-state-" + suffix));
        resolved.put("PARTNERS_TABLE", given(env, "PARTNERS_TABLE").orElse("partners-" + suffix));
        resolved.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + resolved.get("LOCAL_DYNAMODB_PORT"));
        resolved.put("AWS_ACCESS_KEY_ID", given(env, "AWS_ACCESS_KEY_ID").orElse("local"));
        resolved.put(
                "AWS_SECRET_ACCESS_KEY", given(env, "AWS_SECRET_ACCESS_KEY").orElse("local"));
        return new LocalSettings(resolved);
    }

    private static java.util.Optional<String> given(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
    }

    /** The whole environment the stack's JVM (and so every function in it) must run with. */
    public Map<String, String> environment() {
        return java.util.Collections.unmodifiableMap(environment);
    }

    /** Names whose value in {@code actual} differs from what the functions must see. */
    public List<String> mismatches(Map<String, String> actual) {
        return environment.entrySet().stream()
                .filter(e -> !e.getValue().equals(actual.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
    }

    public int apiPort() {
        return number("LOCAL_API_PORT");
    }

    public int dynamoDbPort() {
        return number("LOCAL_DYNAMODB_PORT");
    }

    public int emulatorPort() {
        return number("EMULATOR_PORT");
    }

    public Duration reconcilePeriod() {
        return Duration.ofSeconds(number("LOCAL_RECONCILE_SECONDS"));
    }

    public String tableSuffix() {
        return text("LOCAL_TABLE_SUFFIX");
    }

    public String region() {
        return text("AWS_REGION");
    }

    public boolean startsEmulator() {
        return Boolean.parseBoolean(text("LOCAL_EMULATOR"));
    }

    public String clientId() {
        return text("SPOTIFY_CLIENT_ID");
    }

    public String clientSecret() {
        return text("SPOTIFY_CLIENT_SECRET");
    }

    public String partnerId() {
        return text("SPOTIFY_PARTNER_ID");
    }

    public String sessionKey() {
        return text("PARTNER_SESSION_KEY");
    }

    public String sessionCookie() {
        return text("PARTNER_SESSION_COOKIE");
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + apiPort());
    }

    public URI callbackUrl() {
        return URI.create(text("CALLBACK_URL"));
    }

    public URI accountsUrl() {
        return URI.create(text("SPOTIFY_ACCOUNTS_URL"));
    }

    public URI contentAccessUrl() {
        return URI.create(text("SPOTIFY_CONTENT_ACCESS_URL"));
    }

    public String entitlementsTable() {
        return text("ENTITLEMENTS_TABLE");
    }

    public String linksTable() {
        return text("LINKS_TABLE");
    }

    /** LOCAL_TEMPLATE: another SAM template to serve (e.g. a trimmed copy); by default the repository's. */
    public java.util.Optional<java.nio.file.Path> template() {
        return java.util.Optional.of(text("LOCAL_TEMPLATE"))
                .filter(t -> !t.isBlank())
                .map(java.nio.file.Path::of);
    }

    public String text(String name) {
        return environment.get(name);
    }

    private int number(String name) {
        return Integer.parseInt(environment.get(name));
    }

    /** {@code export NAME='value'} lines for a POSIX shell. */
    public String asShellExports() {
        StringBuilder exports = new StringBuilder();
        environment.forEach((name, value) -> exports.append("export ")
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
        return exports.toString();
    }

    /** Spotify's production values have one home, the functions' own settings. */
    private static String defaultOf(Setting setting) {
        return setting.defaultValue().orElseThrow();
    }
}
