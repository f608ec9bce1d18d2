package org.openaccess.partner.admin;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
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
final class StackTarget extends ConnectedTarget {
    static final List<String> REQUIRED_OUTPUTS =
            List.of("PartnersTableName", "ApiBaseUrl", "SecretArn", "ClientId", "AccountsUrl", "OpenAccessUrl");

    /** Outputs the user commands need on top of {@link #REQUIRED_OUTPUTS}. */
    static final List<String> USER_OUTPUTS = List.of("LinksTableName", "EntitlementsTableName", "LinkStatesTableName");

    private final String stackName;
    private final Map<String, String> outputs;
    private final AdminAwsClients aws;
    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secretsManager;

    private StackTarget(
            String stackName,
            Map<String, String> outputs,
            AdminAwsClients aws,
            DynamoDbClient dynamo,
            SecretsManagerClient secretsManager) {
        super(
                dynamo,
                outputs.get("PartnersTableName"),
                new OpenAccessSpotifyPartners(
                        URI.create(outputs.get("AccountsUrl")),
                        URI.create(outputs.get("OpenAccessUrl")),
                        outputs.get("ClientId"),
                        new SecretsManagerSecretSource(secretsManager, outputs.get("SecretArn"), Clock.systemUTC())));
        this.stackName = stackName;
        this.outputs = outputs;
        this.aws = aws;
        this.dynamo = dynamo;
        this.secretsManager = closedAtEnd(secretsManager);
    }

    static StackTarget open(String stackName, Optional<String> region, Map<String, String> env) {
        AdminAwsClients aws = new AdminAwsClients(env, region);
        Map<String, String> outputs = outputs(stackName, aws);
        return new StackTarget(stackName, outputs, aws, aws.dynamoDb(), aws.secretsManager());
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
        requireOutputs(outputs, REQUIRED_OUTPUTS, "Stack " + stackName + " (" + stack.stackStatusAsString() + ")");
        return outputs;
    }

    /** A usage failure naming the outputs {@code stack} lacks of {@code names}: it predates the current template. */
    private static void requireOutputs(Map<String, String> outputs, List<String> names, String stack) {
        List<String> missing = names.stream()
                .filter(name -> outputs.getOrDefault(name, "").isBlank())
                .toList();
        if (!missing.isEmpty()) {
            throw new AdminFailure(
                    ExitCodes.USAGE,
                    stack + " lacks the output" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                            + ": it was deployed from an older template.yaml. Deploy the current one first.");
        }
    }

    @Override
    public String description() {
        return "stack " + stackName + " (table " + outputs.get("PartnersTableName") + ")";
    }

    @Override
    OperatorWiring wireOperator() {
        requireOutputs(outputs, USER_OUTPUTS, "Stack " + stackName);
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
        return OperatorWiring.from(
                env,
                dynamo,
                Optional.of(secretsManager),
                Optional.ofNullable(outputs.get("PushFailureQueueUrl")).filter(url -> !url.isBlank()));
    }

    @Override
    public synchronized Optional<FailureQueue> failureQueue() {
        requireOutputs(outputs, List.of("PushFailureQueueUrl"), "Stack " + stackName);
        return Optional.of(new SqsFailureQueue(
                closedAtEnd(aws.sqs()), closedAtEnd(aws.dynamoDbStreams()), outputs.get("PushFailureQueueUrl")));
    }

    @Override
    public URI apiBaseUrl() {
        return URI.create(outputs.get("ApiBaseUrl"));
    }
}
