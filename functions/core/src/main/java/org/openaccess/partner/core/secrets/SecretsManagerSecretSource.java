package org.openaccess.partner.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The partner's secrets from one Secrets Manager secret (JSON {@code client_secret}, {@code session_key},
 * {@code puid_key}). Cached for a bounded age so a rotation is picked up without a redeploy.
 */
public final class SecretsManagerSecretSource implements SecretSource {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    /** Concurrent requests all see invalid_client at once: one re-read serves the whole burst. */
    public static final Duration DEFAULT_REJECTION_BURST = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerSecretSource.class);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration rejectionBurst;

    private PartnerSecrets cached;
    private Instant loadedAt;
    private Instant lastRejectionReload;

    public SecretsManagerSecretSource(SecretsManagerClient client, String secretId, Clock clock) {
        this(client, secretId, clock, DEFAULT_MAX_AGE, DEFAULT_REJECTION_BURST);
    }

    public SecretsManagerSecretSource(
            SecretsManagerClient client, String secretId, Clock clock, Duration maxAge, Duration rejectionBurst) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
        this.maxAge = maxAge;
        this.rejectionBurst = rejectionBurst;
    }

    @Override
    public synchronized PartnerSecrets current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(loadedAt.plus(maxAge))) {
            load(now);
        }
        return cached;
    }

    @Override
    public synchronized PartnerSecrets reloadAfterRejection() {
        Instant now = clock.instant();
        if (lastRejectionReload != null && now.isBefore(lastRejectionReload.plus(rejectionBurst)) && cached != null) {
            return cached;
        }
        lastRejectionReload = now;
        LOG.info("Re-reading secret {} after Spotify rejected the client secret", secretId);
        load(now);
        return cached;
    }

    private void load(Instant now) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(b -> b.secretId(secretId));
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null
                    ? "unknown"
                    : e.awsErrorDetails().errorCode();
            throw new SecretsUnavailableException(
                    "Could not read secret " + secretId + " from Secrets Manager: " + code, e);
        } catch (SdkException e) {
            throw new SecretsUnavailableException("Could not reach Secrets Manager to read secret " + secretId, e);
        }
        cached = SecretJson.parse(secretId, response.secretString());
        loadedAt = now;
    }
}
