package org.openaccess.partner.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real parts for one entitlement test (core's sync, the stream push, the reconcile): the template's tables in
 * dynalite (fresh names per test), core wired to them and to the Spotify emulator with the project's local
 * defaults, and links set up the way the callback leaves them (Spotify's side through the emulator's own
 * registry, ours through the link store). Shared through core's test jar.
 */
public final class EntitlementTestBed {
    public static final String PARTNER_ID = EmulatorConfig.LOCAL_PARTNER_ID;

    public final SpotifyEmulator spotify;
    public final DynamoDbClient dynamo;
    public final Map<String, String> tables;
    public final Map<String, String> environment;
    public final CoreWiring wiring;
    /** Writes the entitlements table as the partner's membership system does. */
    public final PartnerMembership membership;

    /** @param required the settings of the function under test, checked as its handler checks them */
    public EntitlementTestBed(SpotifyEmulator spotify, Set<Setting> required) {
        this.spotify = spotify;
        this.dynamo = Dynalite.shared().client();
        TemplateTables template = TemplateTables.fromRepository();
        this.tables = template.createAll(dynamo, UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> env = new HashMap<>(template.environment(tables));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        // Outside Lambda the secret's three values come from the environment (local development only).
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        this.environment = Map.copyOf(env);
        this.wiring = CoreWiring.from(
                Settings.from(environment, required), environment, dynamo, Optional.empty(), Clock.systemUTC());
        this.membership = PartnerMembership.of(wiring);
    }

    public String puid(String userId) {
        return wiring.partnerUserIds().derive(userId);
    }

    /** A user who went through the linking flow with {@code entitlements}, to Spotify account {@code spotifyUser}. */
    public void link(String userId, String spotifyUser, Set<String> entitlements) {
        registerOnSpotify(userId, spotifyUser, entitlements);
        membership.set(userId, entitlements);
        Instant now = Instant.now();
        wiring.links().recordLinked(userId, puid(userId), new SentEntitlements(entitlements, now, now));
    }

    /** What register-user does on Spotify's side (a second call updates the set). */
    public void registerOnSpotify(String userId, String spotifyUser, Set<String> entitlements) {
        if (!spotify.addLink(PARTNER_ID, puid(userId), spotifyUser, entitlements)) {
            throw new IllegalStateException("Spotify account " + spotifyUser + " is linked to another user");
        }
    }

    /** The partner's membership system changes the user's set (an empty set removes it). */
    public void change(String userId, Set<String> entitlements) {
        membership.set(userId, entitlements);
    }

    public Set<String> onSpotify(String userId) {
        return spotify.entitlements(PARTNER_ID, puid(userId));
    }

    public Set<String> inTable(String userId) {
        return wiring.entitlements().current(userId);
    }

    public Optional<Link> link(String userId) {
        return wiring.links().find(userId);
    }

    /** replace-entitlements calls Spotify received for this user, whatever their answer. */
    public long replaceCalls(String userId) {
        String puid = puid(userId);
        return spotify.calls("replace-entitlements").stream()
                .filter(c -> puid.equals(c.partnerUserId()))
                .count();
    }

    public long replaceCalls() {
        return spotify.calls("replace-entitlements").size();
    }
}
