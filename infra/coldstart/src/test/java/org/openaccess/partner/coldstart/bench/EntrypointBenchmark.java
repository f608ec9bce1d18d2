package org.openaccess.partner.coldstart.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The entrypoint's own work per warm request (GET /link by a signed-in listener: session check, state, PKCE and
 * binding nonce, the state's write, the redirect), through the deployed handler class, with DynamoDB's wire in
 * memory. The event is the fixture {@code events/entrypoint/link.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
public class EntrypointBenchmark {

    private ApplicationContext context;
    private EntrypointFunction function;
    private APIGatewayV2HTTPEvent signedInLink;

    @Setup
    public void start() {
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
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        InMemoryDynamoDbHttp wire = new InMemoryDynamoDbHttp();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(wire)
                .endpointOverride(URI.create("http://dynamodb.in-memory"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        CoreWiring wiring = CoreWiring.from(Settings.from(env, new EntrypointSettings().required()), env, dynamo,
                Optional.empty(), Clock.systemUTC());
        context = new LambdaApplicationContextBuilder().singletons(wiring).build().start();
        function = new EntrypointFunction(context);
        signedInLink = LambdaEvents.httpEvent("entrypoint/link.json");
        int status = link().getStatusCode();
        if (status != 302 || wire.requests() != 1) {
            throw new IllegalStateException("GET /link by a signed-in listener should store its state and redirect;"
                    + " answered " + status + " after " + wire.requests() + " DynamoDB requests");
        }
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse link() {
        return function.handleRequest(signedInLink, DiscardingContext.INSTANCE);
    }
}
