package org.openaccess.partner.core.testing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.PartnerConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.identity.Membership;
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
 * registry, ours through the link store). Methods taking a user id are about the default partner
 * ({@link #PARTNER_ID}); those taking a {@link Membership} about any partner the emulator's client owns
 * ({@link #SECOND_PARTNER_ID} with {@link #platformConfig()}). Shared through core's test jar.
 */
public final class EntitlementTestBed {
    public static final String PARTNER_ID = EmulatorConfig.LOCAL_PARTNER_ID;
    /** A second partner id of the local client: a creator of a membership platform. */
    public static final String SECOND_PARTNER_ID = "LocalCreatorPartner002";

    public final SpotifyEmulator spotify;
    public final DynamoDbClient dynamo;
    public final Map<String, String> tables;
    public final Map<String, String> environment;
    public final CoreWiring wiring;
    /** Writes the entitlements table as the partner's membership system does. */
    public final PartnerMembership membership;

    /** @param required the settings of the function under test, checked as its handler checks them */
    public EntitlementTestBed(SpotifyEmulator spotify, Set<Setting> required) {
        this(spotify, required, Dynalite.shared().client());
    }

    /** @param dynamo the functions' client to the shared dynalite (e.g. one that counts requests) */
    public EntitlementTestBed(SpotifyEmulator spotify, Set<Setting> required, DynamoDbClient dynamo) {
        this.spotify = spotify;
        this.dynamo = dynamo;
        TemplateTables template = TemplateTables.fromRepository();
        this.tables = template.createAll(dynamo, UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> env = new HashMap<>(template.environment(tables));
        env.putAll(spotifyEnvironment(spotify));
        this.environment = Map.copyOf(env);
        this.wiring = CoreWiring.from(
                Settings.from(environment, required), environment, dynamo, Optional.empty(), Clock.systemUTC());
        this.membership = PartnerMembership.of(wiring);
    }

    /**
     * The functions' settings for the local client of {@code spotify} and the default partner, with the secret's
     * three values (outside Lambda they come from the environment: local development only); no table names.
     */
    public static Map<String, String> spotifyEnvironment(SpotifyEmulator spotify) {
        return Map.of(
                "SPOTIFY_CLIENT_ID",
                EmulatorConfig.LOCAL_CLIENT_ID,
                "SPOTIFY_PARTNER_ID",
                PARTNER_ID,
                "SPOTIFY_ACCOUNTS_URL",
                spotify.accountsUrl().toString(),
                "SPOTIFY_OPEN_ACCESS_URL",
                spotify.openAccessUrl().toString(),
                "SPOTIFY_CLIENT_SECRET",
                EmulatorConfig.LOCAL_CLIENT_SECRET,
                "PARTNER_SESSION_KEY",
                "local-session-key-0123456789abcdef0123",
                "PUID_KEY",
                "local-puid-key-0123456789abcdef012345");
    }

    /** The emulator's defaults with {@link #SECOND_PARTNER_ID} also owned by the local client. */
    public static EmulatorConfig platformConfig() {
        return EmulatorConfig.defaults()
                .withClient(EmulatorConfig.localClient()
                        .withPartner(new PartnerConfig(
                                SECOND_PARTNER_ID,
                                "Local Creator Two",
                                URI.create("http://127.0.0.1:3000/link/creator-two"))));
    }

    /** The user's membership of the default partner. */
    public static Membership member(String userId) {
        return new Membership(userId, PARTNER_ID);
    }

    public String puid(String userId) {
        return puid(member(userId));
    }

    public String puid(Membership member) {
        return wiring.partnerUserIds().derive(member);
    }

    /** A user who went through the linking flow with {@code entitlements}, to Spotify account {@code spotifyUser}. */
    public void link(String userId, String spotifyUser, Set<String> entitlements) {
        link(member(userId), spotifyUser, entitlements);
    }

    /** A membership that went through the linking flow of its partner. */
    public void link(Membership member, String spotifyUser, Set<String> entitlements) {
        registerOnSpotify(member, spotifyUser, entitlements);
        membership.set(member, entitlements);
        Instant now = Instant.now();
        wiring.links().recordLinked(member, puid(member), new SentEntitlements(entitlements, now, now));
    }

    /** What register-user does on Spotify's side (a second call updates the set). */
    public void registerOnSpotify(String userId, String spotifyUser, Set<String> entitlements) {
        registerOnSpotify(member(userId), spotifyUser, entitlements);
    }

    public void registerOnSpotify(Membership member, String spotifyUser, Set<String> entitlements) {
        if (!spotify.addLink(member.partnerId(), puid(member), spotifyUser, entitlements)) {
            throw new IllegalStateException("Spotify account " + spotifyUser + " is linked to another user");
        }
    }

    /** The partner's membership system changes the user's set (an empty set removes it). */
    public void change(String userId, Set<String> entitlements) {
        change(member(userId), entitlements);
    }

    public void change(Membership member, Set<String> entitlements) {
        membership.set(member, entitlements);
    }

    public Set<String> onSpotify(String userId) {
        return onSpotify(member(userId));
    }

    /** What Spotify holds for the membership, under its partner id. */
    public Set<String> onSpotify(Membership member) {
        return spotify.entitlements(member.partnerId(), puid(member));
    }

    public Set<String> inTable(String userId) {
        return wiring.entitlements().current(member(userId));
    }

    public Optional<Link> link(String userId) {
        return link(member(userId));
    }

    public Optional<Link> link(Membership member) {
        return wiring.links().find(member);
    }

    /** replace-entitlements calls Spotify received for this user at the default partner, whatever their answer. */
    public long replaceCalls(String userId) {
        return replaceCalls(member(userId));
    }

    /** replace-entitlements calls Spotify received for the membership (its partner id and PUID). */
    public long replaceCalls(Membership member) {
        String puid = puid(member);
        return spotify.calls("replace-entitlements").stream()
                .filter(c -> member.partnerId().equals(c.partnerId()) && puid.equals(c.partnerUserId()))
                .count();
    }

    /** replace-entitlements calls Spotify received for {@code partnerId}, for any user. */
    public long replaceCallsFor(String partnerId) {
        return spotify.calls("replace-entitlements").stream()
                .filter(c -> partnerId.equals(c.partnerId()))
                .count();
    }

    public long replaceCalls() {
        return spotify.calls("replace-entitlements").size();
    }
}
