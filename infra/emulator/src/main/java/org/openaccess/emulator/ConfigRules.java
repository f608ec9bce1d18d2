package org.openaccess.emulator;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** The checks a configuration must pass; each failure names the field it is about. */
final class ConfigRules {
    static final Pattern BASE62_22 = Pattern.compile("[0-9A-Za-z]{22}");

    private ConfigRules() {}

    /** Checks the users; their ids, which the clients' and the top-level auto-approve settings must name. */
    static Set<String> checkUsers(List<TestUser> users) {
        Set<String> ids = new HashSet<>();
        each(users, "users", (user, at) -> {
            requireId(user.id(), at, "[A-Za-z0-9_.-]{1,64}", "use 1-64 letters, digits, '_', '.' or '-'", ids);
            requireText(user.displayName(), at + ".displayName");
        });
        require(!ids.isEmpty(), "users", "at least one test user is needed to approve consent");
        return ids;
    }

    static void checkClients(List<ClientConfig> clients, Set<String> userIds) {
        Set<String> clientIds = new HashSet<>();
        Set<String> partnerIds = new HashSet<>();
        each(clients, "clients", (client, at) -> {
            requireId(client.id(), at, "[^:]+", "must not contain ':' (it goes in Basic auth)", clientIds);
            requireText(client.secret(), at + ".secret");
            requireText(client.description(), at + ".description");
            each(client.redirectUris(), at + ".redirectUris", (uri, uriAt) -> requireUrl(uri, uriAt));
            for (String scope : client.allowedScopes()) {
                require(
                        Scopes.ALL.contains(scope),
                        at + ".allowedScopes",
                        "unknown scope '" + scope + "'; known: " + Scopes.ALL);
            }
            each(client.partners(), at + ".partners", (partner, partnerAt) -> {
                requireId(partner.id(), partnerAt, BASE62_22.pattern(), "must be 22 base62 characters", partnerIds);
                requireText(partner.name(), partnerAt + ".name");
                requireUrl(
                        partner.entrypointUrl() == null
                                ? null
                                : partner.entrypointUrl().toString(),
                        partnerAt + ".entrypointUrl");
            });
            require(
                    client.autoApproveUser() == null || userIds.contains(client.autoApproveUser()),
                    at + ".autoApproveUser",
                    "no test user with id '" + client.autoApproveUser() + "'");
        });
    }

    static void checkShows(List<Show> shows, List<ClientConfig> clients) {
        Set<String> ids = new HashSet<>();
        Set<String> partnerIds = new HashSet<>();
        clients.forEach(c -> c.partners().forEach(p -> partnerIds.add(p.id())));
        each(shows, "shows", (show, at) -> {
            checkShow(show, at, ids);
            require(
                    show.partnerId() == null || partnerIds.contains(show.partnerId()),
                    at + ".partnerId",
                    "no configured partner with id '" + show.partnerId() + "'");
        });
    }

    /** One show's own rules; {@code ids} holds the ids taken so far and gets this one. */
    static void checkShow(Show show, String at, Set<String> ids) {
        require(show != null, at, "must be an object");
        requireId(show.id(), at, BASE62_22.pattern(), "must be 22 base62 characters", ids);
        requireText(show.title(), at + ".title");
        require(!show.entitlements().isEmpty(), at + ".entitlements", "a show needs at least one entitlement");
        each(show.entitlements(), at + ".entitlements", ConfigRules::requireText);
    }

    static void checkSettings(int conflictStatus, String autoApproveUser, URI publicUrl, Set<String> userIds) {
        require(
                conflictStatus >= 400 && conflictStatus <= 599,
                "conflictStatus",
                "must be an HTTP error status (400-599), was " + conflictStatus);
        require(
                autoApproveUser == null || userIds.contains(autoApproveUser),
                "autoApproveUser",
                "no test user with id '" + autoApproveUser + "'");
        require(
                publicUrl == null
                        || publicUrl.isAbsolute()
                                && publicUrl.getHost() != null
                                && (publicUrl.getScheme().equals("http")
                                        || publicUrl.getScheme().equals("https")),
                "publicUrl",
                "must be an absolute http(s) URL, was '" + publicUrl + "'");
    }

    /** Runs {@code check} on each item with its path, e.g. {@code clients[0]}; a missing item is refused first. */
    private static <T> void each(List<T> items, String name, BiConsumer<T, String> check) {
        for (int i = 0; i < items.size(); i++) {
            String at = name + "[" + i + "]";
            require(items.get(i) != null, at, "must be an object");
            check.accept(items.get(i), at);
        }
    }

    /** An id at {@code at.id}: present, of the given form, not taken yet (it is taken from now on). */
    private static void requireId(String id, String at, String form, String formProblem, Set<String> taken) {
        requireText(id, at + ".id");
        require(id.matches(form), at + ".id", formProblem);
        require(taken.add(id), at + ".id", "duplicate id '" + id + "'");
    }

    private static void requireUrl(String url, String field) {
        String problem = RedirectUriRule.problemWith(url);
        require(problem == null, field, problem);
    }

    private static void requireText(String value, String field) {
        require(value != null && !value.isBlank(), field, "is required and must not be blank");
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new ConfigException(field, problem);
        }
    }
}
