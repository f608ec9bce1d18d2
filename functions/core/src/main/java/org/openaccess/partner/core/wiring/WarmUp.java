package org.openaccess.partner.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.observability.EmfMetrics;
import org.openaccess.partner.core.observability.MetricName;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.spotify.JwsSigner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the first request would otherwise load: jjwt signing and parsing, Jackson, and the AWS SDK's request
 * pipeline for every DynamoDB and Secrets Manager call the functions make (run against canned in-memory
 * answers). Uses fixed dummy keys and values: nothing secret, no network. The SDK draws a UUID per call
 * (its invocation id), which only tags the request; our own security randomness is created after restore.
 */
final class WarmUp {
    private static final String DUMMY_KEY = "warm-up-key-not-a-secret-0123456789abcdef";
    /** No compilation for this long: the compiler's queue is empty. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(25);

    private WarmUp() {}

    static void run(int rounds) {
        SecretSource dummy = new SecretSource() {
            @Override
            public PartnerSecrets current() {
                return new PartnerSecrets(DUMMY_KEY, DUMMY_KEY, DUMMY_KEY);
            }

            @Override
            public PartnerSecrets reloadAfterRejection() {
                return current();
            }
        };
        JwtSessionVerifier verifier = new JwtSessionVerifier(dummy, Optional.empty(), null, Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        // The metrics library's serialisation, its lines thrown away (priming is not traffic).
        Metrics metrics = new EmfMetrics(line -> {});
        for (int round = 0; round < rounds; round++) {
            for (MetricName metric : MetricName.values()) {
                Map<MetricName.Dimension, String> dimensions = new java.util.EnumMap<>(MetricName.Dimension.class);
                metric.dimensionSets().forEach(set -> set.forEach(d -> dimensions.put(d, "warm-up")));
                metrics.record(metric, 1, dimensions);
            }
            metrics.flush();
            String jws = JwsSigner.sign(
                    Map.of("partner_id", "0000000000000000000000", "entitlements", List.of("x")), DUMMY_KEY);
            String session = SessionTokens.issue(DUMMY_KEY, "warm-up", Instant.now(), Duration.ofMinutes(1));
            SessionCheck check = verifier.verify(Optional.of(session));
            if (!(check instanceof SessionCheck.Valid)) {
                throw new IllegalStateException("Warm-up session did not verify: " + check);
            }
            try {
                JsonNode node = json.readTree("{\"completion_url\":\"https://open.spotify.com\",\"entitlements\":[\""
                        + jws.substring(0, 8) + "\"]}");
                json.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        awsSdkCalls("warm-up", rounds);
    }

    /**
     * Each kind of AWS call the functions make, {@code rounds} times, through SDK clients built like the real ones
     * but answered in memory. Returns how many calls were answered.
     */
    static int awsSdkCalls(String value, int rounds) {
        CannedAwsAnswers answers = new CannedAwsAnswers();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("warm-up", "warm-up"));
        URI nowhere = URI.create("http://warm-up.invalid");
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                        .httpClient(answers)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(nowhere)
                        .build();
                SecretsManagerClient secrets = SecretsManagerClient.builder()
                        .httpClient(answers)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(nowhere)
                        .build()) {
            for (int round = 0; round < rounds; round++) {
                sdkCallsOnce(dynamo, secrets, value);
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
