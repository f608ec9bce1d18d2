package org.openaccess.partner.core.partners;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.spotify.HttpAccountsClient;
import org.openaccess.partner.core.spotify.OpenAccessCalls;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.spotify.PartnerAdminClient;
import org.openaccess.partner.core.spotify.SpotifyHttp;

/** {@link SpotifyPartners} through core's operator client ({@link PartnerAdminClient}): client-credentials tokens, JWS bodies, typed results. */
public final class OpenAccessSpotifyPartners implements SpotifyPartners {
    private final SecretSource secrets;
    private final PartnerAdminClient client;

    public OpenAccessSpotifyPartners(URI accountsUrl, URI openAccessUrl, String clientId, SecretSource secrets) {
        this.secrets = secrets;
        Clock clock = Clock.systemUTC();
        var http = SpotifyHttp.newClient();
        var accounts = new HttpAccountsClient(http, accountsUrl, clientId, Optional.empty(), secrets, clock);
        // No default partner: create-partner and upload-logo name theirs (or none) explicitly.
        this.client = new PartnerAdminClient(new OpenAccessCalls(http, openAccessUrl, accounts, secrets, clock));
    }

    @Override
    public void checkCredentials() {
        try {
            secrets.current();
        } catch (SecretsUnavailableException e) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CALL_FAILED, "Cannot read the client secret: " + e.getMessage());
        }
    }

    @Override
    public OpenAccessResult<String> createPartner(String name, URI entrypointUrl) {
        return client.createPartner(name, entrypointUrl);
    }

    @Override
    public OpenAccessResult<Void> uploadLogo(String partnerId, byte[] image, String contentType) {
        return client.uploadLogo(partnerId, image, contentType);
    }
}
