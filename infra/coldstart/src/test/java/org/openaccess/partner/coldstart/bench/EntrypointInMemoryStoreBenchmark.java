package org.openaccess.partner.coldstart.bench;

import io.micronaut.context.RuntimeBeanDefinition;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openjdk.jmh.annotations.Setup;

/**
 * The same GET /link as {@link EntrypointBenchmark}, with the link-state store replaced by an in-memory
 * adapter (the "stores and clients replaced by in-memory ones"): what remains is the handler's own
 * work, Micronaut's and ours, without the AWS SDK's marshalling and signing. The entrypoint calls no Spotify
 * API (the authorize URL is built locally), so no client needs replacing.
 */
public class EntrypointInMemoryStoreBenchmark extends GetLinkBenchmark {

    private InMemoryLinkStateStore store;

    @Setup
    public void start() {
        store = new InMemoryLinkStateStore();
        // Replaces CoreBeans' LinkStateStore (a bean merely registered beside it would lose to it).
        entrypoint = new EntrypointUnderTest(RuntimeBeanDefinition.builder(LinkStateStore.class, () -> store)
                .singleton(true)
                .replaces(LinkStateStore.class)
                .build());
        entrypoint.assertLinkStoresOneStateAndRedirects(store::saved, "in the in-memory store");
        if (entrypoint.wire.requests() != 0) {
            throw new IllegalStateException("the in-memory store should replace DynamoDB, yet "
                    + entrypoint.wire.requests() + " requests reached its wire");
        }
    }
}
