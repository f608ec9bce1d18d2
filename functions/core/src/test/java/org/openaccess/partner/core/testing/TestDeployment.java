package org.openaccess.partner.core.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The partner's deployment as the HTTP functions' tests run it: the template's tables in dynalite (fresh names
 * each time), the project's local settings and keys pointed at a Spotify emulator, a clock the test moves, and
 * one {@link CoreWiring} over all of it that the deployed handler classes are started with. Shared through
 * core's test jar by entrypoint, callback and unlink.
 */
public final class TestDeployment implements AutoCloseable {
    public static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    public static final String PUID_KEY = "local-puid-key-0123456789abcdef012345";
    public static final String PARTNER_ID = EmulatorConfig.LOCAL_PARTNER_ID;
    /** A second partner id of the local client, a membership platform's creator ({@link #platformConfig()}). */
    public static final String CREATOR_PARTNER_ID = EntitlementTestBed.SECOND_PARTNER_ID;
    /** The creator's slug in the registry once {@link #registerCreator()} ran: its routes are /link/creator-two. */
    public static final String CREATOR_SLUG = "creator-two";
    /** The partner's site (local stack): its login, its account page, the API's callback. */
    public static final String PARTNER_SITE = "http://127.0.0.1:3000";

    public static final String CALLBACK_URL = PARTNER_SITE + "/callback";
    public static final String LOGIN_URL = PARTNER_SITE + "/login";
    public static final String RETURN_URL = PARTNER_SITE + "/account";
    /** The cookie the partner's login sets (the local stack leaves PARTNER_SESSION_COOKIE at its default). */
    public static final String SESSION_COOKIE = "partner_session";

    public final SpotifyEmulator spotify;
    public final Map<String, String> env;
    /** The client the tables were created with (the shared dynalite). */
    public final DynamoDbClient dynamo;

    public final MovingClock clock = MovingClock.atNow();
    public final CoreWiring wiring;
    private final List<AutoCloseable> started = new ArrayList<>();

    private TestDeployment(
            SpotifyEmulator spotify,
            Map<String, String> env,
            Set<Setting> required,
            DynamoDbClient functionsDynamo,
            Optional<SecretsManagerClient> secretsManager) {
        this.spotify = spotify;
        this.env = Map.copyOf(env);
        this.dynamo = Dynalite.shared().client();
        this.wiring =
                CoreWiring.from(Settings.from(this.env, required), this.env, functionsDynamo, secretsManager, clock);
    }

    /** The settings and keys of the local stack for {@code spotify}, with {@code tables} named as created. */
    public static Map<String, String> localEnvironment(SpotifyEmulator spotify, Map<String, String> tables) {
        Map<String, String> env =
                new LinkedHashMap<>(TemplateTables.fromRepository().environment(tables));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("CALLBACK_URL", CALLBACK_URL);
        env.put("PARTNER_LOGIN_URL", LOGIN_URL);
        env.put("PARTNER_ORIGINS", PARTNER_SITE);
        env.put("UNLINK_RETURN_URL", RETURN_URL);
        // Outside Lambda the secret's three values come from the environment (local development only).
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", SESSION_KEY);
        env.put("PUID_KEY", PUID_KEY);
        return env;
    }

    /** Fresh tables in the shared dynalite, for one test. */
    public static Map<String, String> freshTables() {
        return TemplateTables.fromRepository()
                .createAll(
                        Dynalite.shared().client(), UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * A new client of the shared dynalite with {@code interceptor} seeing (and free to act on) each call: for the
     * functions ({@link Builder#functionsDynamo}) when a test counts their calls or interleaves a change.
     */
    public static DynamoDbClient dynaliteClientWith(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    public static Builder of(SpotifyEmulator spotify) {
        return new Builder(spotify);
    }

    /** What a test changes about the deployment before it starts. */
    public static final class Builder {
        private final SpotifyEmulator spotify;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> unset = new ArrayList<>();
        private DynamoDbClient functionsDynamo = Dynalite.shared().client();
        private Optional<SecretsManagerClient> secretsManager = Optional.empty();

        private Builder(SpotifyEmulator spotify) {
            this.spotify = spotify;
        }

        /** Settings that replace the local ones (e.g. a table that does not exist). */
        public Builder with(Map<String, String> overrides) {
            settings.putAll(overrides);
            return this;
        }

        /** Settings left out of the environment entirely. */
        public Builder without(String... names) {
            unset.addAll(List.of(names));
            return this;
        }

        /** The DynamoDB client the functions use (the tables are created with the shared one). */
        public Builder functionsDynamo(DynamoDbClient client) {
            functionsDynamo = client;
            return this;
        }

        /** As deployed: the three secret values only in Secrets Manager, {@code SECRET_ID} set. */
        public Builder secretsIn(SecretsManagerStub stub, String secretJson) {
            String arn = stub.putSecret("open-access-partner-" + UUID.randomUUID(), secretJson);
            settings.put("SECRET_ID", arn);
            unset.addAll(List.of("SPOTIFY_CLIENT_SECRET", "PARTNER_SESSION_KEY", "PUID_KEY"));
            secretsManager = Optional.of(stub.client());
            return this;
        }

        /** @param required the settings of the functions under test, checked as their handlers check them */
        public TestDeployment start(Set<Setting> required) {
            Map<String, String> env = localEnvironment(spotify, freshTables());
            env.putAll(settings);
            unset.forEach(env::remove);
            return new TestDeployment(spotify, env, required, functionsDynamo, secretsManager);
        }
    }

    /** The local secret's JSON, as Secrets Manager would hold it. */
    public static String localSecretJson() {
        return "{\"client_secret\":\"" + EmulatorConfig.LOCAL_CLIENT_SECRET + "\",\"session_key\":\"" + SESSION_KEY
                + "\",\"puid_key\":\"" + PUID_KEY + "\"}";
    }

    /** Starts a deployed handler class on this deployment's wiring; it is closed with the deployment. */
    public <F extends AutoCloseable> F start(Function<CoreWiring, F> handler) {
        F function = handler.apply(wiring);
        started.add(function);
        return function;
    }

    /** A session cookie value as the partner's login would set it. */
    public String sessionFor(String userId) {
        return SessionTokens.issue(SESSION_KEY, userId, clock.instant(), Duration.ofHours(1));
    }

    /** {@code request} as the browser of {@code userId} sends it: with the session cookie the partner's login set. */
    public HttpEvents signedIn(HttpEvents request, String userId) {
        return request.cookie(SESSION_COOKIE, sessionFor(userId));
    }

    /** The handler of class {@code type} started on this deployment ({@link #start}). */
    public <F> F started(Class<F> type) {
        return started.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " was started"));
    }

    /** The emulator's defaults with {@link #CREATOR_PARTNER_ID} also owned by the local client. */
    public static EmulatorConfig platformConfig() {
        return EntitlementTestBed.platformConfig();
    }

    /** What {@code ./admin create-partner} leaves in the registry: the creator ACTIVE with its Spotify id. */
    public void registerCreator() {
        registerPartner(CREATOR_SLUG, CREATOR_PARTNER_ID);
    }

    /** An ACTIVE partner of the registry, as create-partner records it once Spotify answered. */
    public void registerPartner(String slug, String partnerId) {
        PartnerSlug partnerSlug = new PartnerSlug(slug);
        if (!wiring.partners().recordIntent(partnerSlug, "Partner " + slug, URI.create(PARTNER_SITE + "/link/" + slug))
                || !wiring.partners().recordCreated(partnerSlug, partnerId)) {
            throw new IllegalStateException("slug " + slug + " is taken");
        }
    }

    /** A partner whose create-partner was started and not finished: CREATING, without a partner id. */
    public void partnerBeingCreated(String slug) {
        if (!wiring.partners()
                .recordIntent(new PartnerSlug(slug), "Partner " + slug, URI.create(PARTNER_SITE + "/link/" + slug))) {
            throw new IllegalStateException("slug " + slug + " is taken");
        }
    }

    /** The user's membership of the creator ({@link #CREATOR_PARTNER_ID}). */
    public static Membership creatorMember(String userId) {
        return new Membership(userId, CREATOR_PARTNER_ID);
    }

    /** The user's membership of the default partner ({@link #PARTNER_ID}). */
    public static Membership member(String userId) {
        return new Membership(userId, PARTNER_ID);
    }

    public String puid(String userId) {
        return puid(member(userId));
    }

    public String puid(Membership membership) {
        return wiring.partnerUserIds().derive(membership);
    }

    public String linkStatesTable() {
        return env.get("LINK_STATES_TABLE");
    }

    public int storedStates() {
        return dynamo.scan(b -> b.tableName(linkStatesTable())).count();
    }

    /** The link states' items as stored, to see what they hold (and what they never hold). */
    public List<Map<String, AttributeValue>> storedStateItems() {
        return dynamo.scan(b -> b.tableName(linkStatesTable())).items();
    }

    /** Where the callback leaves a user of the default partner: registered on Spotify, recorded LINKED. */
    public void link(String userId, String spotifyUser, Set<String> entitlements) {
        link(member(userId), spotifyUser, entitlements);
    }

    /** Where the callback leaves a membership: registered on Spotify for its partner id, recorded LINKED. */
    public void link(Membership membership, String spotifyUser, Set<String> entitlements) {
        if (!spotify.addLink(membership.partnerId(), puid(membership), spotifyUser, entitlements)) {
            throw new IllegalStateException(spotifyUser + " is linked to another partner user");
        }
        PartnerMembership.of(wiring).set(membership, entitlements);
        Instant now = clock.instant();
        wiring.links().recordLinked(membership, puid(membership), new SentEntitlements(entitlements, now, now));
    }

    public Optional<Link> link(String userId) {
        return link(member(userId));
    }

    public Optional<Link> link(Membership membership) {
        return wiring.links().find(membership);
    }

    public boolean linkedOnSpotify(String userId) {
        return linkedOnSpotify(member(userId));
    }

    public boolean linkedOnSpotify(Membership membership) {
        return spotify.link(membership.partnerId(), puid(membership)).isPresent();
    }

    public Set<String> onSpotify(String userId) {
        return onSpotify(member(userId));
    }

    public Set<String> onSpotify(Membership membership) {
        return spotify.entitlements(membership.partnerId(), puid(membership));
    }

    @Override
    public void close() {
        for (AutoCloseable function : started) {
            try {
                function.close();
            } catch (Exception e) {
                throw new IllegalStateException("a function did not close", e);
            }
        }
    }
}
