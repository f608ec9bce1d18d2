package org.openaccess.emulator;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the emulator knows about Spotify's side: clients, test users, the show catalogue and
 * the status of a 1:1 link conflict. Validated on construction: a bad value throws
 * {@link ConfigException} naming the field.
 *
 * @param autoApproveUser a test user who approves every client's consent page (headless use), or {@code null}
 * @param publicUrl       base URL used in URLs handed out (completion pages), or {@code null} for the bound address
 */
public record EmulatorConfig(
        List<ClientConfig> clients,
        List<TestUser> users,
        List<Show> shows,
        int conflictStatus,
        String autoApproveUser,
        URI publicUrl) {

    public static final String LOCAL_CLIENT_ID = "c0ffee00c0ffee00c0ffee00c0ffee00";
    public static final String LOCAL_CLIENT_SECRET = "10ca1c11e275ec2e710ca1c11e275ec2";
    public static final String LOCAL_PARTNER_ID = "LocalDemoPartner000001";
    public static final String LOCAL_REDIRECT_URI = "http://127.0.0.1:3000/callback";
    public static final URI LOCAL_ENTRYPOINT_URL = URI.create("http://127.0.0.1:3000/link");
    public static final String BASIC_SHOW_ID = "LunarBasicShow00000001";
    public static final String PREMIUM_SHOW_ID = "LunarPremiumShow000002";
    public static final String EITHER_SHOW_ID = "LunarEitherShow0000003";
    public static final int DEFAULT_CONFLICT_STATUS = 409;

    public EmulatorConfig {
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
        shows = shows == null ? List.of() : List.copyOf(shows);
        Set<String> userIds = ConfigRules.checkUsers(users);
        ConfigRules.checkClients(clients, userIds);
        ConfigRules.checkShows(shows, clients);
        ConfigRules.checkSettings(conflictStatus, autoApproveUser, publicUrl, userIds);
    }

    /** The project's local defaults: one client owning one partner, three users, three shows. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig(
                List.of(localClient()),
                List.of(
                        new TestUser("ada", "Ada Lovelace"),
                        new TestUser("grace", "Grace Hopper"),
                        new TestUser("alan", "Alan Turing")),
                List.of(
                        new Show(BASIC_SHOW_ID, "Lunar Morning Briefing", List.of("basic")),
                        new Show(PREMIUM_SHOW_ID, "Lunar Deep Dives", List.of("premium")),
                        new Show(EITHER_SHOW_ID, "Lunar Community Hour", List.of("basic", "premium"))),
                DEFAULT_CONFLICT_STATUS,
                null,
                null);
    }

    /** The local client: allow-listed for every scope, owns {@link #LOCAL_PARTNER_ID}. */
    public static ClientConfig localClient() {
        return ClientConfig.of(LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, "Local Demo Partner (development)")
                .withRedirectUris(List.of(LOCAL_REDIRECT_URI))
                .withAllowedScopes(Scopes.ALL)
                .withPartner(new PartnerConfig(LOCAL_PARTNER_ID, "Local Demo Partner", LOCAL_ENTRYPOINT_URL));
    }

    /** Reads a JSON configuration file (format in the module README). */
    public static EmulatorConfig load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("(file)", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(json);
    }

    /** Parses the JSON configuration format. */
    public static EmulatorConfig parse(String json) {
        return new ConfigReader().read(json);
    }

    /** Parses one show in the configuration's show format (with {@code partnerId}), as {@code POST /_emulator/shows} does. */
    public static Show parseShow(String json) {
        return new ConfigReader().readShow(json);
    }

    public Optional<ClientConfig> client(String clientId) {
        return clients.stream().filter(c -> c.id().equals(clientId)).findFirst();
    }

    public Optional<TestUser> user(String userId) {
        return users.stream().filter(u -> u.id().equals(userId)).findFirst();
    }

    /** Adds the client, or replaces the one with the same id. */
    public EmulatorConfig withClient(ClientConfig client) {
        List<ClientConfig> next = new ArrayList<>(clients);
        next.removeIf(c -> c.id().equals(client.id()));
        next.add(client);
        return new EmulatorConfig(next, users, shows, conflictStatus, autoApproveUser, publicUrl);
    }

    public EmulatorConfig withUser(TestUser user) {
        List<TestUser> next = new ArrayList<>(users);
        next.add(user);
        return new EmulatorConfig(clients, next, shows, conflictStatus, autoApproveUser, publicUrl);
    }

    public EmulatorConfig withShow(Show show) {
        List<Show> next = new ArrayList<>(shows);
        next.add(show);
        return new EmulatorConfig(clients, users, next, conflictStatus, autoApproveUser, publicUrl);
    }

    public EmulatorConfig withConflictStatus(int status) {
        return new EmulatorConfig(clients, users, shows, status, autoApproveUser, publicUrl);
    }

    /** Every client's consent is given by this test user without a page ({@code null} to show the page again). */
    public EmulatorConfig withAutoApproveUser(String userId) {
        return new EmulatorConfig(clients, users, shows, conflictStatus, userId, publicUrl);
    }

    public EmulatorConfig withPublicUrl(URI url) {
        return new EmulatorConfig(clients, users, shows, conflictStatus, autoApproveUser, url);
    }

    /** The user who approves for this client without a page, if any: the client's own setting first. */
    public Optional<String> autoApproveUserFor(ClientConfig client) {
        return Optional.ofNullable(client.autoApproveUser()).or(() -> Optional.ofNullable(autoApproveUser));
    }
}
