package org.openaccess.partner.admin;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A deployed stack of template.yaml, found by name: its outputs name the partner registry table, the secret, the API's
 * base URL and Spotify's URLs; the client secret is read from Secrets Manager when a command calls Spotify.
 */
final class StackTarget implements Target {
    static final List<String> REQUIRED_OUTPUTS =
            List.of("PartnersTableName", "ApiBaseUrl", "SecretArn", "ClientId", "AccountsUrl", "OpenAccessUrl");

    private final String stackName;
    private final Map<String, String> outputs;
    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secretsManager;
    private final AdminAwsClients aws;
    private final List<AutoCloseable> opened = new java.util.ArrayList<>();
    private final PartnerRegistry registry;
    private final SpotifyPartners spotify;
    private OperatorWiring operator;

    private StackTarget(String stackName, Map<String, String> outputs, AdminAwsClients aws) {
        this.stackName = stackName;
        this.outputs = outputs;
        this.dynamo = aws.dynamoDb();
        this.secretsManager = aws.secretsManager();
        this.aws = aws;
        Clock clock = Clock.systemUTC();
        this.registry = new DynamoPartnerRegistry(dynamo, outputs.get("PartnersTableName"), clock);
        this.spotify = new OpenAccessSpotifyPartners(
                URI.create(outputs.get("AccountsUrl")),
                URI.create(outputs.get("OpenAccessUrl")),
                outputs.get("ClientId"),
                new SecretsManagerSecretSource(secretsManager, outputs.get("SecretArn"), clock));
    }

    static StackTarget open(String stackName, Optional<String> region, Map<String, String> env) {
        AdminAwsClients aws = new AdminAwsClients(env, region);
        return new StackTarget(stackName, outputs(stackName, aws), aws);
    }

    private static Map<String, String> outputs(String stackName, AdminAwsClients aws) {
        Stack stack;
        try (CloudFormationClient cloudFormation = aws.cloudFormation()) {
            stack = cloudFormation
                    .describeStacks(b -> b.stackName(stackName))
                    .stacks()
                    .getFirst();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String message =
                    e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
            int exit = "ValidationError".equals(code) ? ExitCodes.USAGE : ExitCodes.FAILED;
            throw new AdminFailure(
                    exit,
                    "Cannot read stack " + stackName + " in " + aws.region() + ": " + code
                            + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
        } catch (SdkException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
                throw new AdminFailure(
                        ExitCodes.FAILED,
                        "No AWS credentials found (environment, profile, SSO, container or instance role): sign in"
                                + " first, e.g. `aws sso login` or AWS_PROFILE=...");
            }
            throw new AdminFailure(
                    ExitCodes.FAILED,
                    "Cannot reach CloudFormation in " + aws.region() + " to read stack " + stackName + ": "
                            + e.getMessage());
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        List<String> missing = REQUIRED_OUTPUTS.stream()
                .filter(name -> outputs.getOrDefault(name, "").isBlank())
                .toList();
        if (!missing.isEmpty()) {
            throw new AdminFailure(
                    ExitCodes.USAGE,
                    "Stack " + stackName + " (" + stack.stackStatusAsString() + ") lacks the outputs "
                            + String.join(", ", missing)
                            + ": it was deployed from an older template.yaml. Deploy the current one first.");
        }
        return outputs;
    }

    @Override
    public String description() {
        return "stack " + stackName + " (table " + outputs.get("PartnersTableName") + ")";
    }

    @Override
    public PartnerRegistry registry() {
        return registry;
    }

    @Override
    public SpotifyPartners spotify() {
        return spotify;
    }

    /** Outputs the user commands need on top of {@link #REQUIRED_OUTPUTS}. */
    static final List<String> USER_OUTPUTS = List.of("LinksTableName", "EntitlementsTableName", "LinkStatesTableName");

    @Override
    public synchronized OperatorWiring operator() {
        if (operator == null) {
            List<String> missing = USER_OUTPUTS.stream()
                    .filter(name -> outputs.getOrDefault(name, "").isBlank())
                    .toList();
            if (!missing.isEmpty()) {
                throw new AdminFailure(
                        ExitCodes.USAGE,
                        "Stack " + stackName + " lacks the outputs " + String.join(", ", missing)
                                + ": it was deployed from an older template.yaml. Deploy the current one first.");
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPOTIFY_CLIENT_ID", outputs.get("ClientId"));
            env.put("SPOTIFY_ACCOUNTS_URL", outputs.get("AccountsUrl"));
            env.put("SPOTIFY_OPEN_ACCESS_URL", outputs.get("OpenAccessUrl"));
            env.put("SECRET_ID", outputs.get("SecretArn"));
            env.put("LINKS_TABLE", outputs.get("LinksTableName"));
            env.put("ENTITLEMENTS_TABLE", outputs.get("EntitlementsTableName"));
            env.put("LINK_STATES_TABLE", outputs.get("LinkStatesTableName"));
            Optional.ofNullable(outputs.get("ReconcileStateTableName"))
                    .ifPresent(table -> env.put("RECONCILE_STATE_TABLE", table));
            operator = OperatorWiring.from(
                    env,
                    dynamo,
                    Optional.of(secretsManager),
                    Optional.ofNullable(outputs.get("PushFailureQueueUrl")).filter(url -> !url.isBlank()));
        }
        return operator;
    }

    @Override
    public synchronized Optional<FailureQueue> failureQueue() {
        String url = outputs.getOrDefault("PushFailureQueueUrl", "");
        if (url.isBlank()) {
            throw new AdminFailure(
                    ExitCodes.USAGE,
                    "Stack " + stackName + " lacks the output PushFailureQueueUrl: it was deployed from an older"
                            + " template.yaml. Deploy the current one first.");
        }
        var sqs = aws.sqs();
        var streams = aws.dynamoDbStreams();
        opened.add(sqs);
        opened.add(streams);
        return Optional.of(new SqsFailureQueue(sqs, streams, url));
    }

    @Override
    public URI apiBaseUrl() {
        return URI.create(outputs.get("ApiBaseUrl"));
    }

    @Override
    public void close() {
        for (AutoCloseable client : opened) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing a client frees its connections; nothing to tell the operator.
            }
        }
        dynamo.close();
        secretsManager.close();
    }
}
