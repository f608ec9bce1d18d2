package org.openaccess.partner.admin;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openaccess.partner.testkit.CloudFormationStub;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SecretsManagerStub;

/**
 * The AWS side of a deployed stack for the {@code --stack NAME} tests: CloudFormation's DescribeStacks and Secrets
 * Manager (protocol stubs, started for the class) and dynalite, reached by the real SDK clients through the SDK's own
 * endpoint variables. A test class registers it once: {@code @RegisterExtension static final StackFixture aws = new
 * StackFixture();}.
 */
final class StackFixture implements BeforeAllCallback, AfterAllCallback {
    static final String CLIENT_SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e75e";

    CloudFormationStub cloudFormation;
    SecretsManagerStub secretsManager;

    @Override
    public void beforeAll(ExtensionContext context) {
        cloudFormation = CloudFormationStub.start();
        secretsManager = SecretsManagerStub.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cloudFormation.close();
        secretsManager.close();
    }

    /** The environment of an operator signed in to eu-west-1 whose AWS endpoints are the stand-ins. */
    Map<String, String> operatorEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_ENDPOINT_URL_CLOUDFORMATION", cloudFormation.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", Dynalite.shared().endpoint().toString());
        return env;
    }
}
