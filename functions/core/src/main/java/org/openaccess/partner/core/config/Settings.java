package org.openaccess.partner.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed configuration, read once from the environment at init. Each function names the settings it
 * requires; a missing or malformed one fails init with a message naming it (all problems at once).
 * Values are configuration, never secrets: the secret's values come from {@code SecretSource}.
 */
public final class Settings {
    private static final Pattern PARTNER_ID = Pattern.compile("^[0-9A-Za-z]{22}$");
    private static final Pattern COOKIE_NAME = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z0-9_.-]{3,255}$");
    private static final Pattern HOST =
            Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");

    private final Map<Setting, String> values;

    private Settings(Map<Setting, String> values) {
        this.values = values;
    }

    /**
     * Reads {@code env}; every setting in {@code required} must be present or have a default, and every
     * present setting must be well formed.
     */
    public static Settings from(Map<String, String> env, Set<Setting> required) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String raw = env.get(setting.name());
            String value = raw == null || raw.isBlank() ? setting.defaultValue().orElse(null) : raw.trim();
            if (value == null) {
                if (required.contains(setting)) {
                    problems.add(setting.name() + " is missing");
                }
                continue;
            }
            checkFormat(setting, value).ifPresent(problems::add);
            values.put(setting, value);
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Settings(values);
    }

    private static Optional<String> checkFormat(Setting setting, String value) {
        String name = setting.name();
        return switch (setting.format()) {
            case TEXT -> Optional.empty();
            case PARTNER_ID ->
                PARTNER_ID.matcher(value).matches()
                        ? Optional.empty()
                        : Optional.of(name + " must be 22 base62 characters");
            case URL -> checkUrl(name, value);
            case OPTIONAL_URL -> value.isEmpty() ? Optional.empty() : checkUrl(name, value);
            case COOKIE_NAME ->
                COOKIE_NAME.matcher(value).matches()
                        ? Optional.empty()
                        : Optional.of(name + " is not a valid cookie name");
            case TABLE_NAME ->
                TABLE_NAME.matcher(value).matches()
                        ? Optional.empty()
                        : Optional.of(name + " is not a valid DynamoDB table name");
            case HOST_LIST ->
                split(value).stream().allMatch(h -> HOST.matcher(h).matches())
                                && !split(value).isEmpty()
                        ? Optional.empty()
                        : Optional.of(name + " must be a comma-separated list of lowercase host names");
            case ORIGIN_LIST ->
                split(value).stream().allMatch(Settings::isOrigin)
                                && !split(value).isEmpty()
                        ? Optional.empty()
                        : Optional.of(name + " must be a comma-separated list of origins like https://www.example.com");
        };
    }

    private static Optional<String> checkUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            boolean ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
            return ok ? Optional.empty() : Optional.of(name + " must be an absolute http(s) URL");
        } catch (URISyntaxException e) {
            return Optional.of(name + " is not a valid URL");
        }
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The raw value, if present (or defaulted). */
    public Optional<String> get(Setting setting) {
        return Optional.ofNullable(values.get(setting)).filter(v -> !v.isEmpty());
    }

    public String text(Setting setting) {
        return get(setting).orElseThrow(() -> new SettingsException(List.of(setting.name() + " is missing")));
    }

    public URI url(Setting setting) {
        return URI.create(text(setting));
    }

    public List<String> list(Setting setting) {
        return get(setting).map(Settings::split).orElse(List.of());
    }

    public String clientId() {
        return text(Setting.SPOTIFY_CLIENT_ID);
    }

    public String partnerId() {
        return text(Setting.SPOTIFY_PARTNER_ID);
    }

    public URI accountsUrl() {
        return url(Setting.SPOTIFY_ACCOUNTS_URL);
    }

    public URI openAccessUrl() {
        return url(Setting.SPOTIFY_OPEN_ACCESS_URL);
    }

    public URI callbackUrl() {
        return url(Setting.CALLBACK_URL);
    }

    public URI partnerLoginUrl() {
        return url(Setting.PARTNER_LOGIN_URL);
    }

    public String sessionCookieName() {
        return text(Setting.PARTNER_SESSION_COOKIE);
    }

    public Optional<URI> sessionJwksUrl() {
        return get(Setting.PARTNER_SESSION_JWKS_URL).map(URI::create);
    }

    public List<String> allowedCompletionHosts() {
        return list(Setting.ALLOWED_COMPLETION_HOSTS);
    }

    public List<String> partnerOrigins() {
        return list(Setting.PARTNER_ORIGINS);
    }

    public URI unlinkReturnUrl() {
        return url(Setting.UNLINK_RETURN_URL);
    }

    public String linkStatesTable() {
        return text(Setting.LINK_STATES_TABLE);
    }

    public String linksTable() {
        return text(Setting.LINKS_TABLE);
    }

    public String entitlementsTable() {
        return text(Setting.ENTITLEMENTS_TABLE);
    }

    public String partnersTable() {
        return text(Setting.PARTNERS_TABLE);
    }
}
