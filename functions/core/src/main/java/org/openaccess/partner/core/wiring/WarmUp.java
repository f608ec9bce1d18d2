package org.openaccess.partner.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.identity.HmacPartnerUserIds;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.identity.PartnerUserIds;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.observability.EmfMetrics;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.observability.MetricName;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.spotify.JwsSigner;
import org.openaccess.partner.core.spotify.PkceGenerator;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the first request would otherwise load: jjwt signing and parsing, Jackson, and the AWS SDK's request
 * pipeline for every DynamoDB and Secrets Manager call the functions make (run against canned in-memory
 * answers). Uses fixed dummy keys and values: nothing secret, no network. The SDK draws a UUID per call
 * (its invocation id), which only tags the request; our own security randomness is created after restore.
 */
final class WarmUp {
    /** The throwaway key of priming: not a secret, and no real verifier accepts what it signs. */
    static final String THROWAWAY_KEY = "warm-up-key-not-a-secret-0123456789abcdef";
    /** No compilation for this long: the compiler's queue is empty. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(25);

    private WarmUp() {}

    static void run(int rounds) {
        ObjectMapper json = new ObjectMapper();
        // The metrics library's serialisation, its lines thrown away (priming is not traffic).
        Metrics metrics = new EmfMetrics(line -> {});
        SecureRandom throwawayRandom = ThrowawayParts.generator();
        byte[] drawn = new byte[32];
        for (int round = 0; round < rounds; round++) {
            for (MetricName metric : MetricName.values()) {
                Map<MetricName.Dimension, String> dimensions = new java.util.EnumMap<>(MetricName.Dimension.class);
                metric.dimensionSets().forEach(set -> set.forEach(d -> dimensions.put(d, "warm-up")));
                metrics.record(metric, 1, dimensions);
            }
            metrics.flush();
            String jws = JwsSigner.sign(
                    Map.of("partner_id", "0000000000000000000000", "entitlements", List.of("x")), THROWAWAY_KEY);
            try {
                JsonNode node = json.readTree("{\"completion_url\":\"https://open.spotify.com\",\"entitlements\":[\""
                        + jws.substring(0, 8) + "\"]}");
                json.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throwawayRandom.nextBytes(drawn);
            PkceGenerator.challengeOf(OneWayHash.of(Base64.getUrlEncoder().encodeToString(drawn)));
        }
        awsSdkCalls("warm-up", rounds);
    }

    /**
     * Each kind of AWS call the functions make, {@code rounds} times, through SDK clients built like the real ones
     * (the URL-connection HTTP client, session credentials) but answered in memory, and the success path's
     * first-time code behind them: the secret read and parsed (throwaway keys), a session verified and a PUID
     * derived (HMAC) with the throwaway key. The calls carry a throwaway trace id, as a real invocation's do.
     * Returns how many calls were answered.
     */
    static int awsSdkCalls(String value, int rounds) {
        return awsSdkCalls(value, rounds, new CannedAwsConnections());
    }

    static int awsSdkCalls(String value, int rounds, CannedAwsConnections answers) {
        return ThrowawayTraceId.around(() -> awsSdkCallsTraced(value, rounds, answers));
    }

    private static int awsSdkCallsTraced(String value, int rounds, CannedAwsConnections answers) {
        Clock clock = Clock.systemUTC();
        try (DynamoDbClient dynamo = ThrowawayParts.dynamoDb(answers);
                SecretsManagerClient secrets = SecretsManagerClient.builder()
                        .httpClient(answers.httpClient())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(ThrowawayParts.credentials())
                        .endpointOverride(ThrowawayParts.NOWHERE)
                        .build()) {
            for (int round = 0; round < rounds; round++) {
                sdkCallsOnce(dynamo, secrets, value);
                // A fresh source per round: each reads (and parses) the throwaway secret, as a restored copy does.
                SecretSource secretSource =
                        new SecretsManagerSecretSource(secrets, "warm-up", clock, new JsonLog((line, level) -> {}));
                SessionCheck check = new JwtSessionVerifier(secretSource, Optional.empty(), null, clock)
                        .verify(Optional.of(ThrowawayParts.session(value, clock.instant())));
                if (!(check instanceof SessionCheck.Valid)) {
                    throw new IllegalStateException("Warm-up session did not verify: " + check);
                }
                PartnerUserIds puids = new HmacPartnerUserIds(secretSource, "warm-up-partner");
                puids.derive(new Membership(value, "warm-up-partner"));
                puids.derive(new Membership(value, "warm-up-other-partner"));
            }
        }
        return answers.answered();
    }

    private static void sdkCallsOnce(DynamoDbClient dynamo, SecretsManagerClient secrets, String value) {
        Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS("warm-up"));
        dynamo.getItem(b -> b.tableName("warm-up").key(key).consistentRead(true));
        dynamo.putItem(b -> b.tableName("warm-up")
                .item(Map.of(
                        "userId",
                        AttributeValue.fromS(value),
                        "n",
                        AttributeValue.fromN("1"),
                        "l",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("x")))))
                .conditionExpression("attribute_not_exists(userId)"));
        dynamo.updateItem(b -> b.tableName("warm-up")
                .key(key)
                .updateExpression("SET #s = :s")
                .conditionExpression("#s = :s OR attribute_not_exists(#s)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("LINKED"))));
        dynamo.deleteItem(b -> b.tableName("warm-up")
                .key(key)
                .returnValues(ReturnValue.ALL_OLD)
                .conditionExpression("attribute_exists(userId)"));
        dynamo.scan(b -> b.tableName("warm-up")
                .limit(1)
                .filterExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("LINKED"))));
        secrets.getSecretValue(b -> b.secretId("warm-up"));
        try {
            dynamo.deleteItem(b -> b.tableName(CannedAwsConnections.EMPTY_TABLE)
                    .key(key)
                    .returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_exists(userId)"));
            throw new IllegalStateException("Priming's refused delete was not refused");
        } catch (ConditionalCheckFailedException refused) {
            // The SDK's error path, as a callback with an unknown or used state meets it.
        }
    }

    /**
     * Waits (at most {@code limit}) until the JIT compiler has gone quiet, so the code compiled for the priming
     * rounds is in the snapshot rather than still queued.
     */
    static void awaitCompilation(Duration limit) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        long before = compiler.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET_PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = compiler.getTotalCompilationTime();
            if (now == before) {
                return;
            }
            before = now;
        }
    }
}
