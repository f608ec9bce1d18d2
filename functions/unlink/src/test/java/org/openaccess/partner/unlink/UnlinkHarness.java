package org.openaccess.partner.unlink;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;
import org.openaccess.partner.testkit.TestContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The deployed UnlinkFunction class against dynalite (tables from template.yaml) and the Spotify emulator, with
 * the project's local defaults; the core wiring is handed in, so no environment variable is set.
 */
final class UnlinkHarness implements AutoCloseable {
    static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    static final String PARTNER_SITE = "http://127.0.0.1:3000";
    static final String RETURN_URL = "http://127.0.0.1:3000/account";
    static final String PARTNER_ID = EmulatorConfig.LOCAL_PARTNER_ID;

    final SpotifyEmulator spotify;
    final CoreWiring wiring;
    final UnlinkFunction function;
    private final ApplicationContext context;

    private UnlinkHarness(SpotifyEmulator spotify, Map<String, String> env) {
        this.spotify = spotify;
        this.wiring = CoreWiring.from(
                Settings.from(env, new UnlinkSettings().required()),
                env,
                Dynalite.shared().client(),
                Optional.empty(),
                Clock.systemUTC());
        this.context =
                new LambdaApplicationContextBuilder().singletons(wiring).build().start();
        this.function = new UnlinkFunction(context);
    }

    static UnlinkHarness start(SpotifyEmulator spotify) {
        TemplateTables tables = TemplateTables.fromRepository();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new LinkedHashMap<>(
                tables.environment(tables.createAll(Dynalite.shared().client(), suffix)));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("PARTNER_ORIGINS", PARTNER_SITE);
        env.put("UNLINK_RETURN_URL", RETURN_URL);
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", SESSION_KEY);
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        return new UnlinkHarness(spotify, env);
    }

    /** A session cookie value as the partner's login would set it. */
    String sessionFor(String userId) {
        return SessionTokens.issue(SESSION_KEY, userId, Instant.now(), Duration.ofHours(1));
    }

    String puid(String userId) {
        return wiring.partnerUserIds().derive(userId);
    }

    /** Where the callback leaves a user: registered on Spotify, recorded LINKED. */
    void link(String userId, String spotifyUser, Set<String> entitlements) {
        if (!spotify.addLink(PARTNER_ID, puid(userId), spotifyUser, entitlements)) {
            throw new IllegalStateException(spotifyUser + " is linked to another partner user");
        }
        setEntitlements(userId, entitlements);
        Instant now = Instant.now();
        wiring.links().recordLinked(userId, puid(userId), new SentEntitlements(entitlements, now, now));
    }

    /** What the partner's membership system writes (the functions only read the entitlements table). */
    void setEntitlements(String userId, Set<String> entitlements) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("userId", AttributeValue.fromS(userId)));
        if (!entitlements.isEmpty()) {
            item.put("entitlements", AttributeValue.fromSs(List.copyOf(entitlements)));
        }
        wiring.dynamoDb()
                .putItem(b -> b.tableName(wiring.settings().entitlementsTable()).item(item));
    }

    Optional<Link> link(String userId) {
        return wiring.links().find(userId);
    }

    boolean linkedOnSpotify(String userId) {
        return spotify.link(PARTNER_ID, puid(userId)).isPresent();
    }

    long unlinkCalls() {
        return spotify.calls("unlink-user").size();
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, TestContext context) {
        return function.handleRequest(event, context);
    }

    @Override
    public void close() {
        context.close();
    }
}
