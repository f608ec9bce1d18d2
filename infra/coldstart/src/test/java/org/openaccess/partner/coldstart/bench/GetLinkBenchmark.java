package org.openaccess.partner.coldstart.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GET /link by a signed-in listener through the deployed entrypoint; a subclass's {@code @Setup} decides what
 * stands behind the link-state store and checks that the request took the whole path.
 */
public abstract class GetLinkBenchmark extends DeployedJvmBenchmark {

    protected EntrypointUnderTest entrypoint;

    @TearDown
    public void stop() {
        entrypoint.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse link() {
        return entrypoint.link();
    }
}
