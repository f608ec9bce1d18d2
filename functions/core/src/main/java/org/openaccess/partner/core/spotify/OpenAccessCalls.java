package org.openaccess.partner.core.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.observability.Metrics.SpotifyOutcome;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;

/**
 * How every Open Access call is made, for the functions' client and the operator's alike: a POST of a compact
 * JWS ({@code application/jwt}) or raw bytes with a bearer token (the user's, or a cached client-credentials
 * token for the endpoint's scope, fetched again once when Spotify answers 401), and a result typed by status
 * only, because Spotify's error bodies are undocumented. Built once and shared by both clients. Each exchange is
 * counted in {@code metrics} ({@code SpotifyCalls}, {@code SpotifyLatency}) by endpoint and outcome.
 */
public record OpenAccessCalls(
        HttpClient http,
        URI openAccessUrl,
        AccountsClient accounts,
        SecretSource secrets,
        Clock clock,
        Metrics metrics) {
    private static final String JWT = "application/jwt";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Without metrics: the operator's commands, whose calls are not the deployment's traffic. */
    public OpenAccessCalls(
            HttpClient http, URI openAccessUrl, AccountsClient accounts, SecretSource secrets, Clock clock) {
        this(http, openAccessUrl, accounts, secrets, clock, Metrics.discarding());
    }

    /** What the answer of a 200 means for one endpoint; throws when the body is not what it should be. */
    interface Reading<T> {
        T read(byte[] body) throws IOException;
    }

    record Body(byte[] bytes, String contentType) {}

    /** A call with the listener's own token (register-user). */
    <T> OpenAccessResult<T> userCall(
            String path, String userAccessToken, Map<String, Object> fields, Reading<T> reading) {
        Body body;
        try {
            body = jws(fields);
        } catch (SecretsUnavailableException e) {
            return secretsUnavailable(e);
        }
        Answer answer = send(path, userAccessToken, body);
        // Spotify's status for register-user's 1:1 conflict is undocumented; 409 is what a conflict is.
        if (answer.status() == 409) {
            return new OpenAccessResult.Conflict<>(409);
        }
        return classify(answer, reading);
    }

    /** A call with a client-credentials token for {@code scope}. */
    <T> OpenAccessResult<T> serviceCall(String path, String scope, Supplier<Body> body, Reading<T> reading) {
        Body signed;
        try {
            signed = body.get();
        } catch (SecretsUnavailableException e) {
            return secretsUnavailable(e);
        }
        for (int attempt = 1; ; attempt++) {
            String token;
            try {
                token = accounts.serviceToken(scope);
            } catch (SecretsUnavailableException e) {
                return secretsUnavailable(e);
            } catch (AccountsRejectedException e) {
                return new OpenAccessResult.Rejected<>(400, e.error());
            } catch (SpotifyUnavailableException e) {
                return new OpenAccessResult.Retryable<>(e.status(), e.retryAfter(), "token: " + e.getMessage());
            }
            Answer answer = send(path, token, signed);
            // A 401 may mean the cached token was revoked early: one fresh token, one more try.
            if (answer.status() == 401 && attempt == 1) {
                accounts.forgetServiceToken(scope);
                continue;
            }
            return classify(answer, reading);
        }
    }

    /** A signed call about one of this partner's users, with {@code entitlements} when the endpoint takes them. */
    <T> OpenAccessResult<T> userServiceCall(
            String path,
            String scope,
            String partnerId,
            String partnerUserId,
            Set<String> entitlements,
            Reading<T> reading) {
        return serviceCall(path, scope, () -> jws(userFields(partnerId, partnerUserId, entitlements)), reading);
    }

    /** Secrets Manager failing is an AWS outage: as transient as Spotify's, and retried the same way. */
    private static <T> OpenAccessResult<T> secretsUnavailable(SecretsUnavailableException e) {
        return new OpenAccessResult.Retryable<>(0, Optional.empty(), "secrets unavailable: " + e.getMessage());
    }

    /** The fields of a call about one user of one partner ({@code partner_id}: a platform has many). */
    static Map<String, Object> userFields(String partnerId, String partnerUserId, Set<String> entitlements) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partner_id", partnerId);
        fields.put("partner_user_id", partnerUserId);
        if (entitlements != null) {
            // Sorted, so the same set always signs to the same token.
            fields.put("entitlements", new TreeSet<>(entitlements));
        }
        return fields;
    }

    Body jws(Map<String, Object> fields) {
        return new Body(
                JwsSigner.sign(fields, secrets.current().clientSecret()).getBytes(StandardCharsets.US_ASCII), JWT);
    }

    /** One HTTP exchange; status 0 means no HTTP answer at all (timeout, refused, dropped). */
    private record Answer(int status, Optional<Duration> retryAfter, byte[] body, String failure) {
        static Answer none(String failure) {
            return new Answer(0, Optional.empty(), new byte[0], failure);
        }
    }

    private Answer send(String path, String bearer, Body body) {
        long started = System.nanoTime();
        Answer answer = exchange(path, bearer, body);
        metrics.spotifyCall(
                path, SpotifyOutcome.ofStatus(answer.status()), Duration.ofNanos(System.nanoTime() - started));
        return answer;
    }

    private Answer exchange(String path, String bearer, Body body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint(path))
                .timeout(SpotifyHttp.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), RetryAfter.from(response.headers(), clock), response.body(), "");
        } catch (HttpTimeoutException e) {
            return Answer.none("timed out");
        } catch (IOException e) {
            return Answer.none("no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none("interrupted");
        }
    }

    private static <T> OpenAccessResult<T> classify(Answer answer, Reading<T> reading) {
        int status = answer.status();
        if (status == 0) {
            return new OpenAccessResult.Retryable<>(0, Optional.empty(), answer.failure());
        }
        if (status == 429 || status >= 500) {
            return new OpenAccessResult.Retryable<>(status, answer.retryAfter(), "HTTP " + status);
        }
        if (status == 404) {
            return new OpenAccessResult.NotLinked<>();
        }
        if (status != 200) {
            return new OpenAccessResult.Rejected<>(status, "HTTP " + status);
        }
        try {
            return new OpenAccessResult.Ok<>(reading.read(answer.body()));
        } catch (IOException | RuntimeException e) {
            // A 200 we cannot read is a broken front, not a decision: worth another try later.
            return new OpenAccessResult.Retryable<>(200, Optional.empty(), "unreadable 200 answer");
        }
    }

    /** A non-empty text field of a JSON answer. */
    static String field(byte[] body, String name) throws IOException {
        JsonNode value = JSON.readTree(body).path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IOException("answer lacks " + name);
        }
        return value.asText();
    }

    /** The {@code entitlements} list of a JSON answer. */
    static Set<String> entitlementsOf(byte[] body) throws IOException {
        JsonNode list = JSON.readTree(body).path("entitlements");
        if (!list.isArray()) {
            throw new IOException("answer lacks entitlements");
        }
        Set<String> entitlements = new TreeSet<>();
        list.forEach(e -> entitlements.add(e.asText()));
        return Set.copyOf(entitlements);
    }

    private URI endpoint(String path) {
        String base = openAccessUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path);
    }
}
