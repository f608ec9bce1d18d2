package org.openaccess.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the JSON configuration. Strict on purpose: an unknown or mistyped field is a typo that
 * would otherwise be silently ignored, so it stops start-up with the field's path.
 */
final class ConfigReader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    EmulatorConfig read(String json) {
        JsonNode root = document(json);
        allowOnly(root, "", "clients", "users", "shows", "conflictStatus", "autoApproveUser", "publicUrl");
        EmulatorConfig defaults = EmulatorConfig.defaults();
        List<ClientConfig> clients =
                root.has("clients") ? list(root.get("clients"), "clients", this::client) : defaults.clients();
        List<TestUser> users = root.has("users") ? list(root.get("users"), "users", this::user) : defaults.users();
        List<Show> shows = root.has("shows") ? list(root.get("shows"), "shows", this::show) : defaults.shows();
        int conflict = root.has("conflictStatus")
                ? integer(root.get("conflictStatus"), "conflictStatus")
                : EmulatorConfig.DEFAULT_CONFLICT_STATUS;
        String autoApprove = optionalText(root, "autoApproveUser", "autoApproveUser");
        String publicUrl = optionalText(root, "publicUrl", "publicUrl");
        return new EmulatorConfig(
                clients, users, shows, conflict, autoApprove, publicUrl == null ? null : uri(publicUrl, "publicUrl"));
    }

    private static JsonNode document(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "(document)",
                    "not valid JSON: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("(document)", "must be a JSON object");
        }
        return root;
    }

    private ClientConfig client(JsonNode node, String at) {
        allowOnly(
                node,
                at,
                "id",
                "secret",
                "description",
                "redirectUris",
                "allowedScopes",
                "partners",
                "autoApproveUser");
        List<String> redirects =
                node.has("redirectUris") ? list(node.get("redirectUris"), at + ".redirectUris", this::text) : List.of();
        Set<String> scopes = node.has("allowedScopes")
                ? new LinkedHashSet<>(list(node.get("allowedScopes"), at + ".allowedScopes", this::text))
                : Set.of();
        List<PartnerConfig> partners =
                node.has("partners") ? list(node.get("partners"), at + ".partners", this::partner) : List.of();
        return new ClientConfig(
                requiredText(node, "id", at),
                requiredText(node, "secret", at),
                requiredText(node, "description", at),
                redirects,
                scopes,
                partners,
                optionalText(node, "autoApproveUser", at + ".autoApproveUser"));
    }

    private PartnerConfig partner(JsonNode node, String at) {
        allowOnly(node, at, "id", "name", "entrypointUrl");
        String url = requiredText(node, "entrypointUrl", at);
        return new PartnerConfig(
                requiredText(node, "id", at), requiredText(node, "name", at), uri(url, at + ".entrypointUrl"));
    }

    private TestUser user(JsonNode node, String at) {
        allowOnly(node, at, "id", "displayName");
        return new TestUser(requiredText(node, "id", at), requiredText(node, "displayName", at));
    }

    /** One show as {@code POST /_emulator/shows} receives it: the configuration's show format. */
    Show readShow(String json) {
        return show(document(json), "show");
    }

    private Show show(JsonNode node, String at) {
        allowOnly(node, at, "id", "title", "entitlements", "sandbox", "partnerId");
        if (!node.has("entitlements")) {
            throw new ConfigException(at + ".entitlements", "is required");
        }
        return new Show(
                requiredText(node, "id", at),
                requiredText(node, "title", at),
                list(node.get("entitlements"), at + ".entitlements", this::text),
                sandbox(node.get("sandbox"), at + ".sandbox"),
                optionalText(node, "partnerId", at + ".partnerId"));
    }

    private static boolean sandbox(JsonNode node, String at) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(at, "must be true or false");
        }
        return node.booleanValue();
    }

    private <T> List<T> list(JsonNode node, String at, BiFunction<JsonNode, String, T> element) {
        if (!node.isArray()) {
            throw new ConfigException(at, "must be an array");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemAt = at + "[" + i + "]";
            JsonNode item = node.get(i);
            items.add(element.apply(item, itemAt));
        }
        return items;
    }

    private String text(JsonNode node, String at) {
        if (!node.isTextual()) {
            throw new ConfigException(at, "must be a string");
        }
        return node.asText();
    }

    private String requiredText(JsonNode parent, String name, String at) {
        String field = at.isEmpty() ? name : at + "." + name;
        if (!parent.isObject()) {
            throw new ConfigException(at, "must be an object");
        }
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new ConfigException(field, "is required");
        }
        return text(node, field);
    }

    private String optionalText(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : text(node, field);
    }

    private static int integer(JsonNode node, String at) {
        if (!node.isInt()) {
            throw new ConfigException(at, "must be an integer");
        }
        return node.intValue();
    }

    private static URI uri(String value, String at) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(at, "is not a valid URI: '" + value + "'");
        }
    }

    private static void allowOnly(JsonNode node, String at, String... names) {
        if (!node.isObject()) {
            throw new ConfigException(at.isEmpty() ? "(document)" : at, "must be an object");
        }
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(
                        at.isEmpty() ? name : at + "." + name, "unknown field; expected one of " + List.of(names));
            }
        }
    }
}
