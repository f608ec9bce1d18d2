package org.openaccess.partner.coldstart.bench;

import org.openjdk.jmh.annotations.Setup;

/**
 * The entrypoint's own work per warm request (GET /link by a signed-in listener: session check, state, PKCE and
 * binding nonce, the state's write, the redirect), through the deployed handler class, with DynamoDB's wire in
 * memory: the SDK's marshalling and SigV4 signing of the PutItem are counted. The event is the fixture
 * {@code events/entrypoint/link.json}. {@link EntrypointInMemoryStoreBenchmark} is the same request with the
 * store itself in memory.
 */
public class EntrypointBenchmark extends GetLinkBenchmark {

    @Setup
    public void start() {
        entrypoint = new EntrypointUnderTest();
        entrypoint.assertLinkStoresOneStateAndRedirects(entrypoint.wire::requests, "one DynamoDB request");
    }
}
