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
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.unlink.UnlinkFunction;
import org.openaccess.partner.unlink.UnlinkSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The unlink function's own work per warm request (POST /unlink, the form post of {@code events/unlink/unlink.json}:
 * origin check, session check, find the link, Spotify's unlink-user, record UNLINKED, the 303), through the
 * deployed handler class, with the links store and the Open Access client in memory.
 */
public class UnlinkInMemoryBenchmark extends DeployedJvmBenchmark {

    private static final String RETURN_URL = "http://127.0.0.1:3000/account";

    /** A Lambda context whose logger drops every line (a benchmark sends millions of requests); never timed out. */
    private final TestContext lambdaContext = TestContext.keepingNoLogs("unlink", Duration.ofDays(1));

    private ApplicationContext context;
    private UnlinkFunction function;
    private APIGatewayV2HTTPEvent unlink;

    @Setup
    public void start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", EmulatorConfig.LOCAL_PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", "http://127.0.0.1:9");
        env.put("SPOTIFY_OPEN_ACCESS_URL", "http://127.0.0.1:9/api/v1");
        env.put("LINKS_TABLE", "links");
        env.put("PARTNER_ORIGINS", "http://127.0.0.1:3000");
        env.put("UNLINK_RETURN_URL", RETURN_URL);
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        InMemoryLinks links = new InMemoryLinks();
        InMemoryOpenAccess openAccess = new InMemoryOpenAccess();
        // No DynamoDB client at all: both ports that would use one are replaced.
        CoreWiring wiring = CoreWiring.from(
                Settings.from(env, new UnlinkSettings().required()), env, null, Optional.empty(), Clock.systemUTC());
        OneFunctionClassLoader loader = new OneFunctionClassLoader("unlink");
        context = new LambdaApplicationContextBuilder()
                .classLoader(loader)
                .singletons(wiring)
                .beanDefinitions(
                        RuntimeBeanDefinition.builder(LinkStore.class, () -> links)
                                .singleton(true)
                                .replaces(LinkStore.class)
                                .build(),
                        RuntimeBeanDefinition.builder(OpenAccessClient.class, () -> openAccess)
                                .singleton(true)
                                .replaces(OpenAccessClient.class)
                                .build())
                .build()
                .start();
        loader.assertOnlyItsFunction(context);
        function = new UnlinkFunction(context);
        unlink = LambdaEvents.httpEvent("unlink/unlink.json");

        // The request must take the whole path, so the benchmark cannot be timing a refusal page.
        APIGatewayV2HTTPResponse response = unlink();
        String location =
                response.getHeaders() == null ? null : response.getHeaders().get("Location");
        if (response.getStatusCode() != 303
                || !(RETURN_URL + "?spotify=unlinked").equals(location)
                || links.unlinked() != 1
                || openAccess.unlinkCalls() != 1) {
            throw new IllegalStateException("POST /unlink by a linked listener should tell Spotify, record the unlink"
                    + " and answer 303 to the account page; answered " + response.getStatusCode() + " to " + location
                    + " after " + openAccess.unlinkCalls() + " unlink-user calls and " + links.unlinked() + " records");
        }
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse unlink() {
        return function.handleRequest(unlink, lambdaContext);
    }
}
