package org.openaccess.partner.coldstart.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.testkit.InMemoryDynamoDbWire;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * The deployed entrypoint handler with the project's local settings, a real DynamoDB client over an in-memory
 * wire and, optionally, beans that replace some of core's ports (an in-memory adapter). Spotify
 * is never called by GET /link (the authorize URL is built locally), so its URLs point nowhere.
 */
final class EntrypointUnderTest implements AutoCloseable {

    /** The fixture {@code events/entrypoint/link.json}: a signed-in listener starting from a show. */
    static final String EVENT = "entrypoint/link.json";

    /** Every write answered as DynamoDB answers a successful one, and not kept: the benchmark writes without end. */
    final InMemoryDynamoDbWire wire = InMemoryDynamoDbWire.discardingWrites();

    final APIGatewayV2HTTPEvent signedInLink = LambdaEvents.httpEvent(EVENT);
    /** A Lambda context whose logger drops every line (a benchmark sends millions of requests); never timed out. */
    private final TestContext lambdaContext = TestContext.keepingNoLogs("entrypoint", Duration.ofDays(1));

    private final ApplicationContext context;
    private final EntrypointFunction function;

    EntrypointUnderTest(RuntimeBeanDefinition<?>... replacements) {
        Map<String, String> env = environment();
        CoreWiring wiring = CoreWiring.from(
                Settings.from(env, new EntrypointSettings().required()),
                env,
                wire.client(),
                Optional.empty(),
                Clock.systemUTC());
        OneFunctionClassLoader loader = new OneFunctionClassLoader("entrypoint");
        context = new LambdaApplicationContextBuilder()
                .classLoader(loader)
                .singletons(wiring)
                .beanDefinitions(replacements)
                .build()
                .start();
        loader.assertOnlyItsFunction(context);
        function = new EntrypointFunction(context);
    }

    APIGatewayV2HTTPResponse link() {
        return function.handleRequest(signedInLink, lambdaContext);
    }

    /**
     * One request before measuring: it must redirect to Spotify (302 with the binding cookie) and have stored
     * exactly one state, so a benchmark can never be timing a failure page or a path that skips the write.
     */
    void assertLinkStoresOneStateAndRedirects(LongSupplier storedStates, String where) {
        long before = storedStates.getAsLong();
        APIGatewayV2HTTPResponse response = link();
        long stored = storedStates.getAsLong() - before;
        String location =
                response.getHeaders() == null ? null : response.getHeaders().get("Location");
        boolean toSpotify = location != null && location.contains("/authorize?");
        boolean bindingCookie = response.getCookies() != null
                && response.getCookies().stream().anyMatch(cookie -> cookie.startsWith("__Host-soa_link="));
        if (response.getStatusCode() != 302 || !toSpotify || !bindingCookie || stored != 1) {
            throw new IllegalStateException("GET /link by a signed-in listener should store its state (" + where
                    + ") and redirect to Spotify; answered " + response.getStatusCode() + " to " + location
                    + " after storing " + stored + " states");
        }
    }

    @Override
    public void close() {
        context.close();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", EmulatorConfig.LOCAL_PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", "http://127.0.0.1:9");
        env.put("SPOTIFY_OPEN_ACCESS_URL", "http://127.0.0.1:9/api/v1");
        env.put("CALLBACK_URL", EmulatorConfig.LOCAL_REDIRECT_URI);
        env.put("PARTNER_LOGIN_URL", "http://127.0.0.1:3000/login");
        env.put("LINK_STATES_TABLE", "link-states");
        env.put("LINKS_TABLE", "links");
        env.put("ENTITLEMENTS_TABLE", "entitlements");
        env.put("PARTNERS_TABLE", "partners");
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        return env;
    }
}
