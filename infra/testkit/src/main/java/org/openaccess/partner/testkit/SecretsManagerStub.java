package org.openaccess.partner.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager for tests and the local stack: nothing local implements it, so this in-process server speaks
 * the real AWS JSON 1.1 protocol ({@code X-Amz-Target: secretsmanager.GetSecretValue}) to the real SDK client.
 */
public final class SecretsManagerStub implements AutoCloseable {

    /** Ways the next calls can fail, as Secrets Manager answers them. */
    public enum Failure {
        /** 500: the SDK retries it. */
        INTERNAL_ERROR(500, "InternalServiceError", "An error occurred on the server side."),
        /** 400 throttling: the SDK retries it too. */
        THROTTLED(400, "ThrottlingException", "Rate exceeded"),
        /** 400 access denied: not retried. */
        ACCESS_DENIED(400, "AccessDeniedException", "User is not authorized to perform secretsmanager:GetSecretValue");

        final int status;
        final String type;
        final String message;

        Failure(int status, String type, String message) {
            this.status = status;
            this.type = type;
            this.message = message;
        }
    }

    private static final String TARGET_GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record StoredSecret(String arn, String name, String secretString, String versionId) {}

    private final LoopbackAwsServer server;
    private final Map<String, StoredSecret> secretsByName = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> readsByName = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<Failure> failure = new AtomicReference<>(Failure.INTERNAL_ERROR);
    private volatile SecretsManagerClient client;

    private SecretsManagerStub(int port) {
        server = new LoopbackAwsServer(
                "Secrets Manager", port, 4, (exchange, body) -> answer(exchange, respond(exchange, body)));
    }

    /** Starts the stub on a free loopback port. */
    public static SecretsManagerStub start() {
        return new SecretsManagerStub(0);
    }

    /** Starts the stub on {@code port} (0 = a free one). */
    public static SecretsManagerStub start(int port) {
        return new SecretsManagerStub(port);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** A real SDK client pointed at this stub (URL-connection HTTP client, dummy credentials, us-east-1). */
    public SecretsManagerClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = SecretsManagerClient.builder()
                            .endpointOverride(server.endpoint())
                            .region(Region.US_EAST_1)
                            .credentialsProvider(
                                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
                }
            }
        }
        return client;
    }

    /**
     * Stores (or rotates) a secret under a name or an ARN; returns its ARN. It can then be read by name or ARN.
     * Each put makes a new version, as a rotation does.
     */
    public String putSecret(String id, String secretString) {
        String name = nameOf(id);
        String arn = id.startsWith("arn:") ? id : ARN_PREFIX + name + "-AbCdEf";
        secretsByName.put(
                name,
                new StoredSecret(arn, name, secretString, UUID.randomUUID().toString()));
        return arn;
    }

    /** How many GetSecretValue calls were answered with the secret {@code id} (name or ARN). */
    public int readCount(String id) {
        AtomicInteger reads = readsByName.get(nameOf(id));
        return reads == null ? 0 : reads.get();
    }

    /** How many GetSecretValue calls were answered with any secret. */
    public int readCount() {
        return readsByName.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many HTTP requests reached the stub, failed ones and SDK retries included. */
    public int requestCount() {
        return server.requestCount();
    }

    /** The next call fails with a 500 (which the SDK retries: use {@link #failNextCalls} to outlast its retries). */
    public void failNextCall() {
        failNextCalls(1, Failure.INTERNAL_ERROR);
    }

    /** The next {@code count} calls fail with {@code kind}. */
    public void failNextCalls(int count, Failure kind) {
        failure.set(kind);
        failuresLeft.set(count);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private static String nameOf(String id) {
        if (!id.startsWith(ARN_PREFIX) && !id.startsWith("arn:")) {
            return id;
        }
        String afterSecret = id.substring(id.indexOf(":secret:") + ":secret:".length());
        // Secrets Manager ARNs end in '-' and six random characters after the name.
        return afterSecret.matches(".+-[A-Za-z0-9]{6}")
                ? afterSecret.substring(0, afterSecret.length() - 7)
                : afterSecret;
    }

    private record Answer(int status, JsonNode body) {}

    private Answer respond(HttpExchange exchange, byte[] body) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return error(404, "UnknownOperationException", "Only POST is served");
        }
        if (!LoopbackAwsServer.isSigned(exchange)) {
            return error(400, "MissingAuthenticationTokenException", "Request is missing a SigV4 Authorization header");
        }
        if (!TARGET_GET_SECRET_VALUE.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            return error(400, "UnknownOperationException", "Only GetSecretValue is served");
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Failure kind = failure.get();
            return error(kind.status, kind.type, kind.message);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "SerializationException", "Body is not JSON");
        }
        JsonNode secretId = request == null ? null : request.get("SecretId");
        if (secretId == null || !secretId.isTextual()) {
            return error(400, "InvalidParameterException", "SecretId is required");
        }
        return getSecretValue(secretId.asText());
    }

    private Answer getSecretValue(String id) {
        String name = nameOf(id);
        StoredSecret secret = secretsByName.get(name);
        if (secret == null || (id.startsWith("arn:") && !id.equals(secret.arn()) && !id.equals(ARN_PREFIX + name))) {
            return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        readsByName.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        ObjectNode answer = JSON.createObjectNode()
                .put("ARN", secret.arn())
                .put("Name", secret.name())
                .put("SecretString", secret.secretString())
                .put("VersionId", secret.versionId())
                .put("CreatedDate", System.currentTimeMillis() / 1000.0);
        answer.putArray("VersionStages").add("AWSCURRENT");
        return new Answer(200, answer);
    }

    private static Answer error(int status, String type, String message) {
        return new Answer(status, JSON.createObjectNode().put("__type", type).put("message", message));
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        LoopbackAwsServer.send(
                exchange, answer.status(), "application/x-amz-json-1.1", JSON.writeValueAsString(answer.body()));
    }
}
