package org.openaccess.partner.core.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the AWS SDK clients, once per container: the URL-connection HTTP client (no Netty, Apache or
 * CRT in the artifact), the region from AWS_REGION, and Lambda's credentials straight from its environment
 * (no provider-chain probing at cold start). Endpoint overrides for local runs are the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SECRETS_MANAGER, which the SDK reads itself.
 */
public final class AwsClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Map<String, String> env) {
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .region(region(env))
                .credentialsProvider(credentials(env))
                .build();
    }

    public static SecretsManagerClient secretsManager(Map<String, String> env) {
        return SecretsManagerClient.builder()
                .httpClient(httpClient())
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

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        return EnvironmentSecretSource.isLambda(env)
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
