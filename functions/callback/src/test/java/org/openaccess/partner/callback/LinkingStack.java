package org.openaccess.partner.callback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TemplateTables;
import org.openaccess.partner.testkit.TestContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The two deployed handler classes (EntrypointFunction, CallbackFunction) against dynalite (tables from
 * template.yaml) and the Spotify emulator, with the project's local defaults. A browser is played by hand:
 * /link, then Spotify's /authorize (auto-approved, followed with java.net.http), then /callback.
 */
final class LinkingStack implements AutoCloseable {
    static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    static final String PUID_KEY = "local-puid-key-0123456789abcdef012345";
    static final String CALLBACK_URL = "http://127.0.0.1:3000/callback";

    final SpotifyEmulator spotify;
    final Map<String, String> env;
    final DynamoDbClient dynamo;
    final MovingClock clock;
    final CoreWiring wiring;
    final EntrypointFunction entrypoint;
    final CallbackFunction callback;
    private final ApplicationContext context;
    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private LinkingStack(
            SpotifyEmulator spotify,
            Map<String, String> env,
            DynamoDbClient dynamo,
            Optional<SecretsManagerClient> secretsManager) {
        this.spotify = spotify;
        this.env = env;
        this.dynamo = dynamo;
        this.clock = MovingClock.atNow();
        Set<Setting> required = EnumSet.copyOf(new EntrypointSettings().required());
        required.addAll(new CallbackSettings().required());
        this.wiring = CoreWiring.from(Settings.from(env, required), env, dynamo, secretsManager, clock);
        this.context =
                new LambdaApplicationContextBuilder().singletons(wiring).build().start();
        this.entrypoint = new EntrypointFunction(context);
        this.callback = new CallbackFunction(context);
    }

    /** Completion pages on the emulator (http on loopback) are allowed, as in the local stack. */
    static LinkingStack start(SpotifyEmulator spotify) {
        return start(spotify, Map.of("ALLOWED_COMPLETION_HOSTS", "spotify.com,127.0.0.1"));
    }

    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides) {
        return start(spotify, overrides, Dynalite.shared().client());
    }

    /** {@code dynamo} is the client the functions use (tables are created with the shared one). */
    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides, DynamoDbClient dynamo) {
        TemplateTables tables = TemplateTables.fromRepository();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new LinkedHashMap<>(
                tables.environment(tables.createAll(Dynalite.shared().client(), suffix)));
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", EmulatorConfig.LOCAL_PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("CALLBACK_URL", CALLBACK_URL);
        env.put("PARTNER_LOGIN_URL", "http://127.0.0.1:3000/login");
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", SESSION_KEY);
        env.put("PUID_KEY", PUID_KEY);
        env.putAll(overrides);
        return new LinkingStack(spotify, env, dynamo, Optional.empty());
    }

    /**
     * As deployed: the three secret values only in Secrets Manager (the protocol stub), {@code SECRET_ID} set,
     * none of them in the environment.
     */
    static LinkingStack startWithSecretsManager(SpotifyEmulator spotify, SecretsManagerStub secretsManager) {
        String arn = secretsManager.putSecret(
                "open-access-partner-" + UUID.randomUUID(),
                "{\"client_secret\":\""
                        + EmulatorConfig.LOCAL_CLIENT_SECRET + "\",\"session_key\":\"" + SESSION_KEY
                        + "\",\"puid_key\":\""
                        + PUID_KEY + "\"}");
        LinkingStack plain = start(spotify, Map.of("ALLOWED_COMPLETION_HOSTS", "127.0.0.1"));
        plain.close();
        Map<String, String> env = new LinkedHashMap<>(plain.env);
        env.remove("SPOTIFY_CLIENT_SECRET");
        env.remove("PARTNER_SESSION_KEY");
        env.remove("PUID_KEY");
        env.put("SECRET_ID", arn);
        return new LinkingStack(spotify, env, plain.dynamo, Optional.of(secretsManager.client()));
    }

    /** What a browser holds after /link: Spotify's consent URL and the binding cookie's nonce. */
    record Started(URI authorizeUrl, String state, String bindingNonce) {}

    /** What Spotify sends the browser back with. */
    record Approved(String code, String state, String bindingNonce) {}

    Started startLink(String userId, Optional<String> showUri) {
        HttpEvents request = HttpEvents.get("/link")
                .cookie(
                        "partner_session",
                        SessionTokens.issue(SESSION_KEY, userId, clock.instant(), Duration.ofHours(1)));
        showUri.ifPresent(show -> request.query("spotifyShowUri", show));
        APIGatewayV2HTTPResponse response = entrypoint.handleRequest(request.build(), TestContext.create());
        if (response.getStatusCode() != 302 || response.getCookies() == null) {
            throw new AssertionError(
                    "/link did not start a flow: " + response.getStatusCode() + " " + response.getBody());
        }
        URI authorize = URI.create(response.getHeaders().get("Location"));
        String cookie = response.getCookies().get(0);
        return new Started(
                authorize,
                query(authorize).get("state"),
                cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')));
    }

    /** Follows /authorize on the emulator (auto-approve) to the redirect back to the callback. */
    Approved approve(Started started) {
        try {
            HttpResponse<String> answer = browser.send(
                    HttpRequest.newBuilder(started.authorizeUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new AssertionError(
                            "/authorize did not redirect: " + answer.statusCode() + " " + answer.body()));
            URI back = URI.create(location);
            if (!back.toString().startsWith(CALLBACK_URL)) {
                throw new AssertionError("/authorize redirected elsewhere: " + back);
            }
            Map<String, String> query = query(back);
            return new Approved(query.get("code"), query.get("state"), started.bindingNonce());
        } catch (IOException e) {
            throw new AssertionError("emulator /authorize failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Approved linkUpToCallback(String userId) {
        return approve(startLink(userId, Optional.empty()));
    }

    /** The callback event the browser sends: code and state from Spotify, the binding cookie from /link. */
    static APIGatewayV2HTTPEvent callbackEvent(Approved approved) {
        return HttpEvents.get("/callback")
                .query("code", approved.code())
                .query("state", approved.state())
                .cookie("__Host-soa_link", approved.bindingNonce())
                .header("accept", "text/html")
                .build();
    }

    APIGatewayV2HTTPResponse invokeCallback(APIGatewayV2HTTPEvent event, TestContext context) {
        return callback.handleRequest(event, context);
    }

    String puid(String userId) {
        return wiring.partnerUserIds().derive(userId);
    }

    Set<String> spotifyEntitlements(String userId) {
        return spotify.entitlements(EmulatorConfig.LOCAL_PARTNER_ID, puid(userId));
    }

    int storedStates() {
        return dynamo.scan(b -> b.tableName(env.get("LINK_STATES_TABLE"))).count();
    }

    List<String> calls(String endpoint) {
        return spotify.calls(endpoint).stream().map(Object::toString).toList();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        context.close();
    }
}
