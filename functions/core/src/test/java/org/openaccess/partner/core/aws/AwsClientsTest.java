package org.openaccess.partner.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SecretsManagerStub;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

@org.junit.jupiter.api.Tag("integration")
class AwsClientsTest {
    @Test
    void theRegionComesFromAwsRegion() {
        assertEquals(Region.EU_WEST_1, AwsClients.region(Map.of("AWS_REGION", "eu-west-1")));
    }

    @Test
    void aMissingRegionIsNamed() {
        SettingsException e = assertThrows(SettingsException.class, () -> AwsClients.region(Map.of()));
        assertTrue(e.getMessage().contains("AWS_REGION"), e.getMessage());
    }

    /** The endpoint variables are read by the SDK, not by us: a child JVM with only those set must reach dynalite and the stub. */
    @Test
    void theSdkTakesEndpointOverridesFromItsOwnEnvironmentVariables() throws Exception {
        String table = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        Dynalite.shared()
                .client()
                .createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType("HASH")
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType("S")
                                .build()));
        try (SecretsManagerStub stub = SecretsManagerStub.start()) {
            stub.putSecret(
                    "partner/probe",
                    "{\"client_secret\":\"probe-client-secret-0123456789abcd\",\"session_key\":\"s\",\"puid_key\":\"12345\"}");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            EndpointProbe.class.getName(),
                            "partner/probe"))
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", Dynalite.shared().endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", stub.endpoint().toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains(table), output);
            assertTrue(output.contains("puid_key_length=5"), output);
            assertEquals(1, stub.readCount("partner/probe"));
        }
    }

    /** With SnapStart, Lambda gives the role's credentials only through the container credentials endpoint. */
    @Test
    void inLambdaWithSnapStartTheCredentialsComeFromTheContainerEndpoint() throws Exception {
        List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer endpoint =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/creds", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = """
                    {"AccessKeyId":"ASIAROLEKEY","SecretAccessKey":"role-secret","Token":"role-token",
                     "Expiration":"2099-01-01T00:00:00Z"}""".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        String uri = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/creds";
        // The SDK's container provider reads its settings as system properties when the variables are absent.
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", "container-auth-token");
        try {
            var credentials = AwsClients.credentials(
                            Map.of("AWS_LAMBDA_FUNCTION_NAME", "callback", AwsClients.CONTAINER_CREDENTIALS_URI, uri))
                    .resolveCredentials();
            assertEquals("ASIAROLEKEY", credentials.accessKeyId());
            assertEquals(List.of("container-auth-token"), authorizations);
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
    }

    @Test
    void inLambdaWithoutSnapStartTheCredentialsComeFromTheEnvironment() {
        var provider = AwsClients.credentials(Map.of("AWS_LAMBDA_FUNCTION_NAME", "callback"));
        assertEquals(
                "EnvironmentVariableCredentialsProvider", provider.getClass().getSimpleName());
    }
}
