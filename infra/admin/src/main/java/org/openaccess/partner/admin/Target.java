package org.openaccess.partner.admin;

import java.net.URI;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.SpotifyPartners;

/** One deployment the commands act on: its partner registry, its Spotify client and the base of its URLs. */
public interface Target extends AutoCloseable {
    /** For messages, e.g. {@code the local stack} or {@code stack acme-prod}. */
    String description();

    PartnerRegistry registry();

    SpotifyPartners spotify();

    /** The deployment's links, entitlements and Spotify as its functions see them: for the user commands. */
    default OperatorWiring operator() {
        throw new AdminFailure(ExitCodes.USAGE, description() + " offers no access to its users");
    }

    /** The push's failure queue; empty where there is none (the local stack logs its dropped batches instead). */
    default java.util.Optional<FailureQueue> failureQueue() {
        return java.util.Optional.empty();
    }

    /** The base of the API's URLs; a partner's Entrypoint URL is {@code <base>/link/<slug>}. */
    URI apiBaseUrl();

    @Override
    void close();
}
