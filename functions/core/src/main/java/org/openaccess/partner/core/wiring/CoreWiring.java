package org.openaccess.partner.core.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.partner.core.aws.AwsClients;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.core.entitlements.DynamoEntitlementStore;
import org.openaccess.partner.core.entitlements.EntitlementStore;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.identity.HmacPartnerUserIds;
import org.openaccess.partner.core.identity.PartnerUserIds;
import org.openaccess.partner.core.linking.DynamoLinkStateStore;
import org.openaccess.partner.core.linking.DynamoLinkStore;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.observability.EmfMetrics;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionVerifier;
import org.openaccess.partner.core.spotify.AccountsClient;
import org.openaccess.partner.core.spotify.HttpAccountsClient;
import org.openaccess.partner.core.spotify.HttpOpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessCalls;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.SpotifyHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The composition root of core: builds each adapter on first use, once per container, from one
 * {@link Settings}. Functions ask for what they need; nothing else constructs adapters.
 */
public final class CoreWiring {
    private final Settings settings;
    private final Map<String, String> env;
    private final Clock clock;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<Optional<SecretsManagerClient>> secretsManager;
    private final Lazy<HttpClient> http = new Lazy<>(SpotifyHttp::newClient);
    /** Seeded on its first draw, never at init: see {@link FirstUseSecureRandom}. */
    private final FirstUseSecureRandom secureRandom = new FirstUseSecureRandom();
    /** The container's metrics: recorded by every adapter and service, flushed by the handler per invocation. */
    private final Lazy<Metrics> metrics = new Lazy<>(EmfMetrics::new);

    private final Lazy<SecretSource> secrets = new Lazy<>(this::buildSecrets);
    private final Lazy<AccountsClient> accounts = new Lazy<>(this::buildAccounts);
    private final Lazy<OpenAccessClient> openAccess = new Lazy<>(this::buildOpenAccess);
    private final Lazy<SessionVerifier> sessions = new Lazy<>(this::buildSessions);
    private final Lazy<PartnerUserIds> partnerUserIds =
            new Lazy<>(() -> new HmacPartnerUserIds(secrets(), settings().partnerId()));
    private final Lazy<LinkStateStore> linkStates = new Lazy<>(() -> new DynamoLinkStateStore(
            dynamoDb(), settings().linkStatesTable(), settings().partnerId()));
    private final Lazy<LinkStore> links =
            new Lazy<>(() -> new DynamoLinkStore(dynamoDb(), settings().linksTable(), clock()));
    private final Lazy<EntitlementStore> entitlements =
            new Lazy<>(() -> new DynamoEntitlementStore(dynamoDb(), settings().entitlementsTable()));
    private final Lazy<PartnerRegistry> partners =
            new Lazy<>(() -> new DynamoPartnerRegistry(dynamoDb(), settings().partnersTable(), clock()));
    private final Lazy<EntitlementSync> entitlementSync =
            new Lazy<>(() -> new EntitlementSync(entitlements(), links(), openAccess(), clock(), secureRandom()));

    private CoreWiring(
            Settings settings,
            Map<String, String> env,
            Supplier<DynamoDbClient> dynamo,
            Supplier<Optional<SecretsManagerClient>> secretsManager,
            Clock clock) {
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.dynamo = new Lazy<>(dynamo);
        this.secretsManager = new Lazy<>(secretsManager);
    }

    /** For a deployed function: settings and AWS clients from the process environment, the system clock. */
    public static CoreWiring fromEnvironment(Set<Setting> required) {
        Map<String, String> env = System.getenv();
        Settings settings = Settings.from(env, required);
        return new CoreWiring(
                settings,
                env,
                () -> AwsClients.dynamoDb(env),
                () -> Optional.of(AwsClients.secretsManager(env)),
                Clock.systemUTC());
    }

    /** For tests and the local stack: explicit settings, environment, clients and clock. */
    public static CoreWiring from(
            Settings settings,
            Map<String, String> env,
            DynamoDbClient dynamo,
            Optional<SecretsManagerClient> secretsManager,
            Clock clock) {
        return new CoreWiring(settings, env, () -> dynamo, () -> secretsManager, clock);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public SecureRandom secureRandom() {
        return secureRandom;
    }

    public HttpClient httpClient() {
        return http.get();
    }

    public DynamoDbClient dynamoDb() {
        return dynamo.get();
    }

    /** The container's metrics (EMF lines on standard output); the handler flushes them once per invocation. */
    public Metrics metrics() {
        return metrics.get();
    }

    public SecretSource secrets() {
        return secrets.get();
    }

    public AccountsClient accounts() {
        return accounts.get();
    }

    public OpenAccessClient openAccess() {
        return openAccess.get();
    }

    public SessionVerifier sessions() {
        return sessions.get();
    }

    public PartnerUserIds partnerUserIds() {
        return partnerUserIds.get();
    }

    public LinkStateStore linkStates() {
        return linkStates.get();
    }

    public LinkStore links() {
        return links.get();
    }

    public EntitlementStore entitlements() {
        return entitlements.get();
    }

    /** The partner registry (PARTNERS_TABLE): the functions only look partners up in it. */
    public PartnerRegistry partners() {
        return partners.get();
    }

    public EntitlementSync entitlementSync() {
        return entitlementSync.get();
    }

    /**
     * How many times priming runs each code path. Loading classes takes one run; the JIT (C1 only, as deployed)
     * compiles a method after about 200 calls, and a SnapStart snapshot keeps the compiled code, so priming goes past
     * that. The measurements: docs/performance.md, "Priming (SnapStart)".
     */
    public static final int PRIMING_ROUNDS = 250;
    /** The longest priming waits for the compiler's queue to drain before the snapshot. */
    static final Duration COMPILATION_WAIT = Duration.ofSeconds(2);

    /**
     * Warms class loading and serializers for a SnapStart snapshot, one round: no network call, no secret, no
     * shared random state (the SecureRandom draws nothing here).
     */
    public void prime() {
        WarmUp.run(1);
    }

    /**
     * Priming that also leaves compiled code in the snapshot: core's warm-up and the function's own in-memory
     * path, {@link #PRIMING_ROUNDS} times each, then a wait (at most {@link #COMPILATION_WAIT}) until the JIT's
     * queue is empty. Same guarantees as {@link #prime()}.
     */
    public void primeUntilCompiled(Runnable functionPath) {
        WarmUp.run(PRIMING_ROUNDS);
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            functionPath.run();
        }
        WarmUp.awaitCompilation(COMPILATION_WAIT);
    }

    /**
     * As {@link #primeUntilCompiled}, but each round runs one round of core's warm-up (its SDK clients built, called
     * and closed again) and then the function's path. For the HTTP functions this left their first request after a
     * restore 3-5 ms faster than core's rounds all first, in interleaved harness runs (docs/performance.md).
     */
    public void primeRoundByRoundUntilCompiled(Runnable functionPath) {
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            WarmUp.run(1);
            functionPath.run();
        }
        WarmUp.awaitCompilation(COMPILATION_WAIT);
    }

    /**
     * For a SnapStart restore: starts reading the partner's secrets on a background thread and returns at once. The
     * read (over a new connection, with the role's credentials fetched first on Lambda) then runs while the runtime
     * fetches the first event and routes it, instead of after; the first request finds the secrets read, or waits
     * for the read in flight ({@link SecretSource} reads one at a time). Nothing secret is in the snapshot: this runs
     * after the restore. A failure is left to the request, which meets and reports it as it always did.
     */
    public Thread readSecretsInBackground() {
        return Thread.ofPlatform().daemon().name("secrets-after-restore").start(() -> {
            try {
                secrets().current();
            } catch (RuntimeException leftToTheRequest) {
                // The first request reads again and answers (and logs) this failure itself.
            }
        });
    }

    /** Whether the container's SecureRandom has drawn yet (it must not have before a SnapStart snapshot). */
    public boolean randomnessDrawn() {
        return secureRandom.seeded();
    }

    private SecretSource buildSecrets() {
        Optional<String> secretId = settings.get(Setting.SECRET_ID);
        if (secretId.isPresent()) {
            SecretsManagerClient client = secretsManager
                    .get()
                    .orElseThrow(() ->
                            new SettingsException(List.of("SECRET_ID is set but no Secrets Manager client was given")));
            return new SecretsManagerSecretSource(client, secretId.get(), clock, metrics());
        }
        if (EnvironmentSecretSource.isLambda(env)) {
            throw new SettingsException(
                    List.of("SECRET_ID is missing: a deployed function reads its secrets from Secrets Manager"));
        }
        return new EnvironmentSecretSource(env);
    }

    private AccountsClient buildAccounts() {
        return new HttpAccountsClient(
                httpClient(),
                settings.accountsUrl(),
                settings.clientId(),
                settings.get(Setting.CALLBACK_URL).map(URI::create),
                secrets(),
                clock,
                metrics());
    }

    private OpenAccessClient buildOpenAccess() {
        return new HttpOpenAccessClient(
                new OpenAccessCalls(httpClient(), settings.openAccessUrl(), accounts(), secrets(), clock, metrics()));
    }

    private SessionVerifier buildSessions() {
        return new JwtSessionVerifier(secrets(), settings.sessionJwksUrl(), httpClient(), clock);
    }

    /** Settings every function that links users needs; a function adds its own to these. */
    public static Set<Setting> linkingSettings() {
        return EnumSet.of(
                Setting.SPOTIFY_CLIENT_ID,
                Setting.SPOTIFY_PARTNER_ID,
                Setting.CALLBACK_URL,
                Setting.LINK_STATES_TABLE,
                Setting.LINKS_TABLE,
                Setting.ENTITLEMENTS_TABLE);
    }

    /** Memoizes one supplier; thread-safe, builds at most once. */
    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = supplier.get();
                        value = current;
                    }
                }
            }
            return current;
        }
    }
}
