package org.openaccess.partner.core.entitlements;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;

/** The template's tables in dynalite (fresh per test) and core wired to them and to the Spotify emulator. */
final class EntitlementSyncTestBed {
    static final String PARTNER_ID = EmulatorConfig.LOCAL_PARTNER_ID;

    final SpotifyEmulator spotify;
    final CoreWiring wiring;

    EntitlementSyncTestBed(SpotifyEmulator spotify) {
        this.spotify = spotify;
        TemplateTables template = TemplateTables.fromRepository();
        Map<String, String> tables = template.createAll(Dynalite.shared().client(), UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> env = new HashMap<>(template.environment(tables));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        this.wiring = CoreWiring.from(Settings.from(env, Set.of()), env, Dynalite.shared().client(),
                Optional.empty(), Clock.systemUTC());
    }

    String puid(String userId) {
        return wiring.partnerUserIds().derive(userId);
    }

    /** Where the callback leaves a user: registered on Spotify with {@code entitlements}, recorded LINKED. */
    void link(String userId, String spotifyUser, Set<String> entitlements) {
        registerOnSpotify(userId, spotifyUser, entitlements);
        wiring.entitlements().put(userId, entitlements);
        Instant now = Instant.now();
        wiring.links().recordLinked(userId, puid(userId), new SentEntitlements(entitlements, now, now));
    }

    /** What register-user does on Spotify's side (a second call updates the set). */
    void registerOnSpotify(String userId, String spotifyUser, Set<String> entitlements) {
        if (!spotify.addLink(PARTNER_ID, puid(userId), spotifyUser, entitlements)) {
            throw new IllegalStateException(spotifyUser + " is linked to another partner user");
        }
    }

    Set<String> onSpotify(String userId) {
        return spotify.entitlements(PARTNER_ID, puid(userId));
    }

    Link link(String userId) {
        return wiring.links().find(userId).orElseThrow();
    }

    long replaceCalls() {
        return spotify.calls("replace-entitlements").size();
    }
}
