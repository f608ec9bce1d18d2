package org.openaccess.partner.core.linking;

import java.util.Optional;

/** Port: pending link states (DynamoDB table LINK_STATES_TABLE, key {@code stateHash}, TTL {@code expiresAt}). */
public interface LinkStateStore {
    /** Stores a new state; fails if the hash already exists (never overwrites). */
    void save(LinkState state);

    /** Atomically removes and returns the state (conditional delete): a state can be consumed once. */
    Optional<LinkState> consume(String stateHash);
}
