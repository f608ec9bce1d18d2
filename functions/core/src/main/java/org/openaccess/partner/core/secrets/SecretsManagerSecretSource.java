package org.openaccess.partner.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.observability.Metrics;
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
    /** Lambda sends a function's standard output to CloudWatch Logs, where the operator reads (and filters) it. */
    private static final JsonLog STANDARD_OUTPUT = new JsonLog((line, level) -> System.out.print(line));

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private final JsonLog operatorLog;
    private final Metrics metrics;

    private PartnerSecrets cached;
    private Instant loadedAt;
    private Instant lastRejectionReload;

    public SecretsManagerSecretSource(SecretsManagerClient client, String secretId, Clock clock) {
        this(client, secretId, clock, STANDARD_OUTPUT);
    }

    /** A deployed function's: the operator's line on standard output, the metric in the function's metrics. */
    public SecretsManagerSecretSource(SecretsManagerClient client, String secretId, Clock clock, Metrics metrics) {
        this(client, secretId, clock, STANDARD_OUTPUT, metrics);
    }

    /** @param operatorLog where an unusable secret is reported (Lambda: standard output, read by CloudWatch) */
    public SecretsManagerSecretSource(SecretsManagerClient client, String secretId, Clock clock, JsonLog operatorLog) {
        this(client, secretId, clock, operatorLog, Metrics.discarding());
    }

    /** @param metrics counts an unusable secret ({@code ClientSecretInvalid}, alarmed on) */
    public SecretsManagerSecretSource(
            SecretsManagerClient client, String secretId, Clock clock, JsonLog operatorLog, Metrics metrics) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
        this.operatorLog = operatorLog;
        this.metrics = metrics;
    }

    @Override
    public synchronized PartnerSecrets current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(loadedAt.plus(DEFAULT_MAX_AGE))) {
            load(now);
        }
        return cached;
    }

    @Override
    public synchronized PartnerSecrets reloadAfterRejection() {
        Instant now = clock.instant();
        if (lastRejectionReload != null
                && now.isBefore(lastRejectionReload.plus(DEFAULT_REJECTION_BURST))
                && cached != null) {
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
        PartnerSecrets loaded = SecretJson.parse(secretId, response.secretString());
        Optional<String> unusable = ClientSecret.validate(loaded.clientSecret());
        if (unusable.isPresent()) {
            // Not cached: the operator's fix (a new secret version) is picked up by the next request.
            operatorLog.error(
                    "The partner's secret is unusable: linking cannot work until it is fixed",
                    "secretId",
                    secretId,
                    "problem",
                    unusable.get());
            metrics.clientSecretInvalid();
            throw new PartnerMisconfiguredException("Secret " + secretId + ": " + unusable.get());
        }
        cached = loaded;
        loadedAt = now;
    }
}
