package org.openaccess.partner.coldstart.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The entrypoint's own work per warm request (GET /link by a signed-in listener: session check, state, PKCE and
 * binding nonce, the state's write, the redirect), through the deployed handler class, with DynamoDB's wire in
 * memory: the SDK's marshalling and SigV4 signing of the PutItem are counted. The event is the fixture
 * {@code events/entrypoint/link.json}. {@link EntrypointInMemoryStoreBenchmark} is the same request with the
 * store itself in memory.
 */
public class EntrypointBenchmark extends DeployedJvmBenchmark {

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
