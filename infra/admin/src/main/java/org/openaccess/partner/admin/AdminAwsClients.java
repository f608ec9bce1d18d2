package org.openaccess.partner.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS clients for the operator, from the environment the command was given: region from {@code --region},
 * AWS_REGION or the default chain (profile); credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN)
 * when present, else the SDK's default chain (profile, SSO, instance role...); endpoints overridden by the SDK's own
 * AWS_ENDPOINT_URL_CLOUDFORMATION / _SECRETS_MANAGER / _DYNAMODB (or AWS_ENDPOINT_URL), as the functions honour them.
 */
final class AdminAwsClients {
    private final Map<String, String> env;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    AdminAwsClients(Map<String, String> env, Optional<String> regionOption) {
        this.env = env;
        this.region = region(env, regionOption);
        this.credentials = credentials(env);
    }

    CloudFormationClient cloudFormation() {
        return configure(CloudFormationClient.builder(), "CLOUDFORMATION").build();
    }

    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
    }

    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return configure(software.amazon.awssdk.services.sqs.SqsClient.builder(), "SQS")
                .build();
    }

    software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient dynamoDbStreams() {
        return configure(
                        software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder(),
                        "DYNAMODB_STREAMS")
                .build();
    }

    Region region() {
        return region;
    }

    private <
                    B extends
                            AwsClientBuilder<B, ?>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B configure(B builder, String service) {
        builder.region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create());
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private Optional<URI> endpoint(String service) {
        return given(env, "AWS_ENDPOINT_URL_" + service)
                .or(() -> given(env, "AWS_ENDPOINT_URL"))
                .map(url -> {
                    try {
                        return new URI(url);
                    } catch (URISyntaxException e) {
                        throw new AdminFailure(ExitCodes.USAGE, "AWS_ENDPOINT_URL_" + service + " is not a URL");
                    }
                });
    }

    private static Region region(Map<String, String> env, Optional<String> option) {
        Optional<String> named = option.filter(r -> !r.isBlank()).or(() -> given(env, "AWS_REGION"));
        if (named.isPresent()) {
            return Region.of(named.get().trim());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new AdminFailure(
                    ExitCodes.USAGE, "No AWS region: pass --region, set AWS_REGION or a region in your AWS profile");
        }
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        Optional<String> keyId = given(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = given(env, "AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent() && secret.isPresent()) {
            Optional<String> session = given(env, "AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(
                    session.isPresent()
                            ? AwsSessionCredentials.create(keyId.get(), secret.get(), session.get())
                            : AwsBasicCredentials.create(keyId.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Optional<String> given(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
