package org.openaccess.partner.core.linking;

import java.util.Optional;

/** Port: pending link states (DynamoDB table LINK_STATES_TABLE, key {@code stateHash}, TTL {@code expiresAt}). */
public interface LinkStateStore {
    /** Stores a new state; fails if the hash already exists (never overwrites). */
    void save(LinkState state);

    /**
     * Atomically removes and returns the state, but only for the browser that started it: {@code bindingHash}
     * must be the state's {@code browserBindingHash}. A state can be consumed once; a request from another
     * browser (or without the binding cookie) leaves it in place.
     */
    Consumed consume(String stateHash, Optional<String> bindingHash);

    /** What consuming found. */
    sealed interface Consumed {
        /** The state, now used up. */
        record Taken(LinkState state) implements Consumed {}

        /** Never issued, already used, or removed by TTL. */
        record Unknown() implements Consumed {}

        /** The state exists, but the request does not carry its browser's binding: it stays for its owner. */
        record OtherBrowser() implements Consumed {}
    }
}
