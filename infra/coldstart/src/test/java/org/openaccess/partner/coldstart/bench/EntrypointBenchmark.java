package org.openaccess.partner.coldstart.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.concurrent.TimeUnit;
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

/**
 * The entrypoint's own work per warm request (GET /link by a signed-in listener: session check, state, PKCE and
 * binding nonce, the state's write, the redirect), through the deployed handler class, with DynamoDB's wire in
 * memory: the SDK's marshalling and SigV4 signing of the PutItem are counted. The event is the fixture
 * {@code events/entrypoint/link.json}. {@link EntrypointInMemoryStoreBenchmark} is the same request with the
 * store itself in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
public class EntrypointBenchmark {

    private EntrypointUnderTest entrypoint;

    @Setup
    public void start() {
        entrypoint = new EntrypointUnderTest();
        entrypoint.assertLinkStoresOneStateAndRedirects(entrypoint.wire::requests, "one DynamoDB request");
    }

    @TearDown
    public void stop() {
        entrypoint.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse link() {
        return entrypoint.link();
    }
}
