package org.openaccess.partner.entrypoint;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;
import org.openaccess.partner.testkit.TestContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployed EntrypointFunction class against dynalite (tables from template.yaml) and the Spotify emulator,
 * configured with the project's local defaults; the core wiring is handed in, so no environment variable is set.
 */
final class LinkingHarness implements AutoCloseable {
    static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    static final String PUID_KEY = "local-puid-key-0123456789abcdef012345";
    static final String CALLBACK_URL = "http://127.0.0.1:3000/callback";
    static final String LOGIN_URL = "http://127.0.0.1:3000/login";

    final Map<String, String> env;
    final DynamoDbClient dynamo;
    final MovingClock clock;
    final EntrypointFunction function;
    final CoreWiring wiring;
    private final ApplicationContext context;

    private LinkingHarness(Map<String, String> env, DynamoDbClient dynamo, MovingClock clock) {
        this.env = env;
        this.dynamo = dynamo;
        this.clock = clock;
        Settings settings = Settings.from(env, new EntrypointSettings().required());
        this.wiring = CoreWiring.from(settings, env, dynamo, Optional.empty(), clock);
        this.context =
                new LambdaApplicationContextBuilder().singletons(wiring).build().start();
        this.function = new EntrypointFunction(context);
    }

    static LinkingHarness start(SpotifyEmulator spotify) {
        return start(spotify, Map.of());
    }

    /** With its own fresh tables; {@code overrides} replace settings (e.g. a table that does not exist). */
    static LinkingHarness start(SpotifyEmulator spotify, Map<String, String> overrides) {
        return start(spotify, overrides, Set.of());
    }

    /** As {@link #start(SpotifyEmulator, Map)}, with the settings named in {@code unset} left out entirely. */
    static LinkingHarness start(SpotifyEmulator spotify, Map<String, String> overrides, Set<String> unset) {
        Dynalite dynalite = Dynalite.shared();
        TemplateTables tables = TemplateTables.fromRepository();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new LinkedHashMap<>(tables.environment(tables.createAll(dynalite.client(), suffix)));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", EmulatorConfig.LOCAL_PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("CALLBACK_URL", CALLBACK_URL);
        env.put("PARTNER_LOGIN_URL", LOGIN_URL);
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", SESSION_KEY);
        env.put("PUID_KEY", PUID_KEY);
        env.putAll(overrides);
        env.keySet().removeAll(unset);
        return new LinkingHarness(env, dynalite.client(), MovingClock.atNow());
    }

    /** A session cookie value as the partner's login would set it. */
    String sessionFor(String userId) {
        return SessionTokens.issue(SESSION_KEY, userId, clock.instant(), Duration.ofHours(1));
    }

    String linkStatesTable() {
        return env.get("LINK_STATES_TABLE");
    }

    int storedStates() {
        return dynamo.scan(b -> b.tableName(linkStatesTable())).count();
    }

    /** The application context the function runs in. */
    ApplicationContext applicationContext() {
        return context;
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, TestContext context) {
        return function.handleRequest(event, context);
    }

    @Override
    public void close() {
        context.close();
    }
}
