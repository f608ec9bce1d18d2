package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class SecretsManagerStubTest {

    private static final String SECRET_JSON = "{\"client_secret\":\"10ca1c11e275ec2e710ca1c11e275ec2\","
            + "\"session_key\":\"local-session-key-0123456789abcdef0123\",\"puid_key\":\"local-puid-key-0123456789abcdef012345\"}";

    private final SecretsManagerStub stub = SecretsManagerStub.start();
    private final SecretsManagerClient client = stub.client();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void servesASecretByNameAndByArnToTheRealSdkClient() {
        String arn = stub.putSecret("open-access/partner", SECRET_JSON);

        GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId("open-access/partner"));
        GetSecretValueResponse byArn = client.getSecretValue(b -> b.secretId(arn));

        assertEquals(SECRET_JSON, byName.secretString());
        assertEquals(SECRET_JSON, byArn.secretString());
        assertEquals(arn, byName.arn());
        assertEquals("open-access/partner", byArn.name());
        assertTrue(byName.versionStages().contains("AWSCURRENT"));
        assertEquals(2, stub.readCount("open-access/partner"));
        assertEquals(2, stub.readCount(arn));
    }

    @Test
    void acceptsASecretStoredUnderAFullArn() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:open-access-Xy12Ab";
        assertEquals(arn, stub.putSecret(arn, SECRET_JSON));

        assertEquals(SECRET_JSON, client.getSecretValue(b -> b.secretId(arn)).secretString());
        assertEquals(1, stub.readCount("open-access"));
    }

    @Test
    void answersUnknownSecretsWithResourceNotFound() {
        stub.putSecret("known", SECRET_JSON);

        ResourceNotFoundException missing =
                assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(b -> b.secretId("unknown")));
        assertEquals(400, missing.statusCode());
        assertEquals(0, stub.readCount());
    }

    @Test
    void aRotationGivesANewVersion() {
        stub.putSecret("rotating", SECRET_JSON);
        String first = client.getSecretValue(b -> b.secretId("rotating")).versionId();

        stub.putSecret("rotating", "{\"client_secret\":\"rotated\"}");
        GetSecretValueResponse second = client.getSecretValue(b -> b.secretId("rotating"));

        assertNotEquals(first, second.versionId());
        assertEquals("{\"client_secret\":\"rotated\"}", second.secretString());
    }

    @Test
    void aFailedCallIsRetriedByTheSdkLikeARealServerError() {
        stub.putSecret("flaky", SECRET_JSON);
        stub.failNextCall();

        assertEquals(
                SECRET_JSON, client.getSecretValue(b -> b.secretId("flaky")).secretString());
        assertEquals(2, stub.requestCount());
        assertEquals(1, stub.readCount("flaky"));
    }

    @Test
    void failuresThatOutlastTheRetriesReachTheCaller() {
        stub.putSecret("denied", SECRET_JSON);
        stub.failNextCalls(1, SecretsManagerStub.Failure.ACCESS_DENIED);

        SecretsManagerException denied =
                assertThrows(SecretsManagerException.class, () -> client.getSecretValue(b -> b.secretId("denied")));
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        assertEquals(1, stub.requestCount());
        // The switch covers only the next call: the one after it is served.
        assertEquals(
                SECRET_JSON, client.getSecretValue(b -> b.secretId("denied")).secretString());
    }

    @Test
    void rejectsUnsignedRequestsAndOtherOperations() throws Exception {
        HttpResponse<String> unsigned = sendWithoutTheSdk("secretsmanager.GetSecretValue", "{\"SecretId\":\"x\"}");
        assertEquals(400, unsigned.statusCode());
        assertTrue(unsigned.body().contains("MissingAuthenticationTokenException"));

        HttpResponse<String> other = sendWithoutTheSdk(
                "secretsmanager.PutSecretValue",
                "{}",
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/secretsmanager/aws4_request");
        assertEquals(400, other.statusCode());
        assertTrue(other.body().contains("UnknownOperationException"));
    }

    /** A POST to the stub for {@code target}, with only the headers given (no signature unless one is). */
    private HttpResponse<String> sendWithoutTheSdk(String target, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.endpoint())
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        URI endpoint = stub.endpoint();
        assertEquals("127.0.0.1", endpoint.getHost());
        assertTrue(endpoint.getPort() > 0);
    }
}
