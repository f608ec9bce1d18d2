package org.openaccess.partner.core.partners;

import java.net.URI;
import org.openaccess.partner.core.spotify.OpenAccessResult;

/**
 * The two Open Access calls that onboard a partner of a membership platform, with the client's credentials. One
 * implementation today ({@link OpenAccessSpotifyPartners}, over core's HTTP client); swapping in another client is a
 * change of that one class.
 */
public interface SpotifyPartners {
    /** Reads the client secret now, so that a missing secret stops a command before anything is recorded. */
    void checkCredentials();

    /** create-partner (scope soa-create-partner): the new partner id. */
    OpenAccessResult<String> createPartner(String name, URI entrypointUrl);

    /** upload-logo/{partnerId} (scope soa-manage-partner). */
    OpenAccessResult<Void> uploadLogo(String partnerId, byte[] image, String contentType);
}
