package org.openaccess.partner.core.secrets;

/**
 * Port: where the partner's secrets come from. Adapters: Secrets Manager (cached for a bounded age),
 * and the environment outside Lambda (local development).
 */
public interface SecretSource {
    /** The current secrets, from cache when fresh enough. */
    PartnerSecrets current();

    /**
     * Spotify rejected the client secret ({@code invalid_client}): the secret may have been rotated.
     * Re-reads the secret, at most once per rejection burst, and returns the fresh value.
     */
    PartnerSecrets reloadAfterRejection();
}
