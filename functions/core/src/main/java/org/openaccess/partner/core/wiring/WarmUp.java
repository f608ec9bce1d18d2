package org.openaccess.partner.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private WarmUp() {
    }

    static void run() {
        String jws = JwsSigner.sign(Map.of("partner_id", "0000000000000000000000", "entitlements", List.of("x")), DUMMY_KEY);
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
        Instant now = Instant.now();
        String session = SessionTokens.issue(DUMMY_KEY, "warm-up", now, Duration.ofMinutes(1));
        SessionCheck check = new JwtSessionVerifier(dummy, Optional.empty(), null, Clock.systemUTC())
                .verify(Optional.of(session));
        if (!(check instanceof SessionCheck.Valid)) {
            throw new IllegalStateException("Warm-up session did not verify: " + check);
        }
        awsSdkCalls(jws.substring(0, 8));
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode node = json.readTree("{\"completion_url\":\"https://open.spotify.com\",\"entitlements\":[\"basic\"]}");
            json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each kind of AWS call the functions make, through SDK clients built like the real ones but answered in memory. */
    static int awsSdkCalls(String value) {
        CannedAwsAnswers answers = new CannedAwsAnswers();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("warm-up", "warm-up"));
        URI nowhere = URI.create("http://warm-up.invalid");
        Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS("warm-up"));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(answers).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).endpointOverride(nowhere).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(answers).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).endpointOverride(nowhere).build()) {
            dynamo.getItem(b -> b.tableName("warm-up").key(key).consistentRead(true));
            dynamo.putItem(b -> b.tableName("warm-up")
                    .item(Map.of("userId", AttributeValue.fromS(value), "n", AttributeValue.fromN("1"),
                            "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x")))))
                    .conditionExpression("attribute_not_exists(userId)"));
            dynamo.updateItem(b -> b.tableName("warm-up").key(key)
                    .updateExpression("SET #s = :s").conditionExpression("#s = :s OR attribute_not_exists(#s)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("LINKED"))));
            dynamo.deleteItem(b -> b.tableName("warm-up").key(key).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_exists(userId)"));
            dynamo.scan(b -> b.tableName("warm-up").limit(1).filterExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("LINKED"))));
            secrets.getSecretValue(b -> b.secretId("warm-up"));
        }
        return answers.answered();
    }
}
