package org.openaccess.partner.core.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the AWS SDK clients, once per container: the URL-connection HTTP client (no Netty, Apache or
 * CRT in the artifact), the region from AWS_REGION, and Lambda's credentials from where Lambda puts them
 * (no provider-chain probing at cold start). Endpoint overrides for local runs are the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SECRETS_MANAGER, which the SDK reads itself.
 */
public final class AwsClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private AwsClients() {}

    public static DynamoDbClient dynamoDb(Map<String, String> env) {
        return configured(DynamoDbClient.builder(), env);
    }

    public static SecretsManagerClient secretsManager(Map<String, String> env) {
        return configured(SecretsManagerClient.builder(), env);
    }

    /** Every client the same way: the URL-connection HTTP client, the region and Lambda's credentials. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(
            B builder, Map<String, String> env) {
        return builder.httpClient(httpClient())
                .region(region(env))
                .credentialsProvider(credentials(env))
                .build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    static Region region(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new SettingsException(List.of("AWS_REGION is missing (Lambda sets it; set it for local runs)"));
        }
        return Region.of(region.trim());
    }

    static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (!EnvironmentSecretSource.isLambda(env)) {
            return DefaultCredentialsProvider.builder().build();
        }
        // With SnapStart, Lambda sets no AWS_ACCESS_KEY_ID: the role's credentials come from the container
        // credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), fetched after restore, never in the snapshot.
        return env.containsKey(CONTAINER_CREDENTIALS_URI)
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }
}
