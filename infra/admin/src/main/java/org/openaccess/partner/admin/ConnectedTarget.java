package org.openaccess.partner.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.SpotifyPartners;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What both deployments are made of once their clients are open: the partner registry in their DynamoDB, their
 * Spotify, the user commands' wiring (built when a command first asks for it) and the clients to close at the end.
 */
abstract class ConnectedTarget implements Target {
    private final PartnerRegistry registry;
    private final SpotifyPartners spotify;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private OperatorWiring operator;

    ConnectedTarget(DynamoDbClient dynamo, String partnersTable, SpotifyPartners spotify) {
        this.registry = new DynamoPartnerRegistry(closedAtEnd(dynamo), partnersTable, Clock.systemUTC());
        this.spotify = spotify;
    }

    /** Core wired to the deployment's tables and Spotify, as its functions wire it. */
    abstract OperatorWiring wireOperator();

    /** {@code client}, closed with the target. */
    final <C extends SdkAutoCloseable> C closedAtEnd(C client) {
        clients.add(client);
        return client;
    }

    @Override
    public final PartnerRegistry registry() {
        return registry;
    }

    @Override
    public final SpotifyPartners spotify() {
        return spotify;
    }

    @Override
    public final synchronized OperatorWiring operator() {
        if (operator == null) {
            operator = wireOperator();
        }
        return operator;
    }

    @Override
    public final void close() {
        clients.forEach(SdkAutoCloseable::close);
    }
}
