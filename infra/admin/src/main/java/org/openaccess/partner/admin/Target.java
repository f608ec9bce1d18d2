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

    /** The base of the API's URLs; a partner's Entrypoint URL is {@code <base>/link/<slug>}. */
    URI apiBaseUrl();

    @Override
    void close();
}
