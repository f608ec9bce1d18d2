package org.openaccess.emulator;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a configuration must pass; each failure names the field it is about. */
final class ConfigRules {
    static final Pattern BASE62_22 = Pattern.compile("[0-9A-Za-z]{22}");

    private final List<ClientConfig> clients;
    private final List<TestUser> users;
    private final List<Show> shows;
    private final int conflictStatus;
    private final String autoApproveUser;
    private final URI publicUrl;

    ConfigRules(
            List<ClientConfig> clients,
            List<TestUser> users,
            List<Show> shows,
            int conflictStatus,
            String autoApproveUser,
            URI publicUrl) {
        this.clients = clients;
        this.users = users;
        this.shows = shows;
        this.conflictStatus = conflictStatus;
        this.autoApproveUser = autoApproveUser;
        this.publicUrl = publicUrl;
    }

    void check() {
        Set<String> userIds = checkUsers();
        checkClients(userIds);
        checkShows();
        if (conflictStatus < 400 || conflictStatus > 599) {
            throw new ConfigException(
                    "conflictStatus", "must be an HTTP error status (400-599), was " + conflictStatus);
        }
        if (autoApproveUser != null && !userIds.contains(autoApproveUser)) {
            throw new ConfigException("autoApproveUser", "no test user with id '" + autoApproveUser + "'");
        }
        if (publicUrl != null
                && (!publicUrl.isAbsolute()
                        || publicUrl.getHost() == null
                        || !(publicUrl.getScheme().equals("http")
                                || publicUrl.getScheme().equals("https")))) {
            throw new ConfigException("publicUrl", "must be an absolute http(s) URL, was '" + publicUrl + "'");
        }
    }

    private Set<String> checkUsers() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            TestUser user = users.get(i);
            String at = "users[" + i + "]";
            require(user != null, at, "must be an object");
            requireText(user.id(), at + ".id");
            requireText(user.displayName(), at + ".displayName");
            require(user.id().matches("[A-Za-z0-9_.-]{1,64}"), at + ".id", "use 1-64 letters, digits, '_', '.' or '-'");
            require(ids.add(user.id()), at + ".id", "duplicate user id '" + user.id() + "'");
        }
        require(!ids.isEmpty(), "users", "at least one test user is needed to approve consent");
        return ids;
    }

    private void checkClients(Set<String> userIds) {
        Set<String> clientIds = new HashSet<>();
        Set<String> partnerIds = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            String at = "clients[" + i + "]";
            require(client != null, at, "must be an object");
            requireText(client.id(), at + ".id");
            require(!client.id().contains(":"), at + ".id", "must not contain ':' (it goes in Basic auth)");
            require(clientIds.add(client.id()), at + ".id", "duplicate client id '" + client.id() + "'");
            requireText(client.secret(), at + ".secret");
            requireText(client.description(), at + ".description");
            for (int r = 0; r < client.redirectUris().size(); r++) {
                String problem =
                        RedirectUriRule.problemWith(client.redirectUris().get(r));
                require(problem == null, at + ".redirectUris[" + r + "]", problem);
            }
            for (String scope : client.allowedScopes()) {
                require(
                        Scopes.ALL.contains(scope),
                        at + ".allowedScopes",
                        "unknown scope '" + scope + "'; known: " + Scopes.ALL);
            }
            for (int p = 0; p < client.partners().size(); p++) {
                checkPartner(client.partners().get(p), at + ".partners[" + p + "]", partnerIds);
            }
            require(
                    client.autoApproveUser() == null || userIds.contains(client.autoApproveUser()),
                    at + ".autoApproveUser",
                    "no test user with id '" + client.autoApproveUser() + "'");
        }
    }

    private static void checkPartner(PartnerConfig partner, String at, Set<String> partnerIds) {
        require(partner != null, at, "must be an object");
        requireText(partner.id(), at + ".id");
        require(BASE62_22.matcher(partner.id()).matches(), at + ".id", "must be 22 base62 characters");
        require(partnerIds.add(partner.id()), at + ".id", "duplicate partner id '" + partner.id() + "'");
        requireText(partner.name(), at + ".name");
        require(partner.entrypointUrl() != null, at + ".entrypointUrl", "is required");
        String problem = RedirectUriRule.problemWith(partner.entrypointUrl().toString());
        require(problem == null, at + ".entrypointUrl", problem);
    }

    private void checkShows() {
        Set<String> ids = new HashSet<>();
        Set<String> partnerIds = new HashSet<>();
        clients.stream().filter(c -> c != null).forEach(c -> c.partners().forEach(p -> partnerIds.add(p.id())));
        for (int i = 0; i < shows.size(); i++) {
            Show show = shows.get(i);
            String at = "shows[" + i + "]";
            checkShow(show, at, ids);
            require(
                    show.partnerId() == null || partnerIds.contains(show.partnerId()),
                    at + ".partnerId",
                    "no configured partner with id '" + show.partnerId() + "'");
        }
    }

    /** One show's own rules; {@code ids} holds the ids taken so far and gets this one. */
    static void checkShow(Show show, String at, Set<String> ids) {
        require(show != null, at, "must be an object");
        requireText(show.id(), at + ".id");
        require(BASE62_22.matcher(show.id()).matches(), at + ".id", "must be 22 base62 characters");
        require(ids.add(show.id()), at + ".id", "duplicate show id '" + show.id() + "'");
        requireText(show.title(), at + ".title");
        require(!show.entitlements().isEmpty(), at + ".entitlements", "a show needs at least one entitlement");
        for (int e = 0; e < show.entitlements().size(); e++) {
            requireText(show.entitlements().get(e), at + ".entitlements[" + e + "]");
        }
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
