package org.openaccess.partner.coldstart.bench;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.LinkStateStore;

/**
 * The link-state store in memory, for the entrypoint's benchmark: it counts the states saved and keeps the
 * last one. It keeps no more than that, so millions of benchmark requests do not grow the heap and time the
 * garbage collector instead of the handler; consuming is the callback's business and is refused here.
 */
final class InMemoryLinkStateStore implements LinkStateStore {

    private final AtomicInteger saved = new AtomicInteger();
    private volatile LinkState last;

    int saved() {
        return saved.get();
    }

    @Override
    public void save(LinkState state) {
        if (last != null && last.stateHash().equals(state.stateHash())) {
            throw new IllegalStateException("A link state with this hash already exists");
        }
        last = state;
        saved.incrementAndGet();
    }

    @Override
    public Consumed consume(String stateHash, Optional<String> bindingHash) {
        throw new UnsupportedOperationException("the entrypoint only saves states");
    }
}
