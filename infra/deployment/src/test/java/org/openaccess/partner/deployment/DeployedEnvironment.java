package org.openaccess.partner.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SamTemplate;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TemplateTables;

/**
 * The environment a deployed function of template.yaml starts in: exactly the template's variables (Globals and
 * the function's own, references resolved by {@link TemplateReferences}), what Lambda itself sets, and the SDK's
 * endpoint variables pointing at local stand-ins (dynalite with the template's tables, the Secrets Manager stub
 * serving the secret the ClientSecretArn parameter names). One per test JVM.
 */
final class DeployedEnvironment {
    /** Test-only secret values: the stub serves them under the template's secret ARN. */
    static final List<String> SECRET_VALUES = List.of(
            "deployment-test-client-secret",
            "deployment-test-session-key-0123456789abcdef",
            "deployment-test-puid-key-0123456789abcdef");

    private static final String SECRET_JSON = "{\"client_secret\":\"" + SECRET_VALUES.get(0) + "\",\"session_key\":\""
            + SECRET_VALUES.get(1) + "\",\"puid_key\":\"" + SECRET_VALUES.get(2) + "\"}";

    private static DeployedEnvironment shared;

    private final SamTemplate template;
    private final TemplateReferences references;
    private final SecretsManagerStub secretsManager;
    private final Dynalite dynamo;

    private DeployedEnvironment(
            SamTemplate template, TemplateReferences references, SecretsManagerStub secretsManager, Dynalite dynamo) {
        this.template = template;
        this.references = references;
        this.secretsManager = secretsManager;
        this.dynamo = dynamo;
    }

    /** Starts the stand-ins once per JVM (they stop with it). */
    static synchronized DeployedEnvironment shared() {
        if (shared == null) {
            SamTemplate template = SamTemplate.load();
            Dynalite dynamo = Dynalite.shared();
            Map<String, String> tables = new TemplateTables(template).createAll(dynamo.client(), "deployment");
            TemplateReferences references = TemplateReferences.of(template, tables);
            SecretsManagerStub secretsManager = SecretsManagerStub.start();
            secretsManager.putSecret(references.resolve(refTo("ClientSecretArn")), SECRET_JSON);
            shared = new DeployedEnvironment(template, references, secretsManager, dynamo);
        }
        return shared;
    }

    SamTemplate template() {
        return template;
    }

    /** The template's own variables for {@code function}, resolved, in template order. */
    Map<String, String> templateVariables(SamTemplate.Function function) {
        Map<String, String> variables = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> variables.put(name, references.resolve(value)));
        return variables;
    }

    /** Everything the function's process sees: template variables, Lambda's own variables, local endpoints. */
    Map<String, String> of(SamTemplate.Function function) {
        Map<String, String> environment = new LinkedHashMap<>(lambdaVariables(function));
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        environment.put(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        environment.putAll(templateVariables(function));
        return environment;
    }

    /**
     * The reserved variables Lambda's java21 runtime sets. With SnapStart, Lambda gives credentials through the
     * container credentials endpoint instead of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
     */
    private Map<String, String> lambdaVariables(SamTemplate.Function function) {
        String name = functionName(function);
        String runtimeApi = "127.0.0.1:9001";
        Map<String, String> lambda = new LinkedHashMap<>();
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", name);
        lambda.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        lambda.put(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                property(function, "MemorySize").asText("128"));
        lambda.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        lambda.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]0123456789abcdef0123456789abcdef");
        lambda.put(
                "AWS_LAMBDA_LOG_FORMAT",
                property(function, "LoggingConfig").path("LogFormat").asText("Text"));
        lambda.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        lambda.put(
                "AWS_EXECUTION_ENV",
                "AWS_Lambda_" + property(function, "Runtime").asText("java21"));
        lambda.put("AWS_REGION", TemplateReferences.REGION);
        lambda.put("AWS_DEFAULT_REGION", TemplateReferences.REGION);
        lambda.put("_HANDLER", function.handler());
        lambda.put("LAMBDA_TASK_ROOT", "/var/task");
        lambda.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        lambda.put("TZ", ":UTC");
        lambda.put("LANG", "en_US.UTF-8");
        lambda.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        boolean snapStart = "PublishedVersions"
                .equals(property(function, "SnapStart").path("ApplyOn").asText());
        if (snapStart) {
            lambda.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            lambda.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://" + runtimeApi + "/2021-04-23/credentials");
            lambda.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token-for-tests");
        } else {
            lambda.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            lambda.put("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEDEPLOYTEST");
            lambda.put("AWS_SECRET_ACCESS_KEY", "example-secret-access-key-for-tests");
            lambda.put("AWS_SESSION_TOKEN", "example-session-token-for-tests");
        }
        return lambda;
    }

    /** FunctionName when the template sets one, else what CloudFormation generates (stack-logicalId-suffix). */
    private String functionName(SamTemplate.Function function) {
        JsonNode name = function.properties().get("FunctionName");
        return name != null
                ? references.resolve(name)
                : TemplateReferences.STACK_NAME + "-" + function.logicalId() + "-AbCdEf123456";
    }

    private JsonNode property(SamTemplate.Function function, String name) {
        return template.functionProperty(function.logicalId(), name);
    }

    private static JsonNode refTo(String name) {
        return JsonNodeFactory.instance.objectNode().put("Ref", name);
    }
}
