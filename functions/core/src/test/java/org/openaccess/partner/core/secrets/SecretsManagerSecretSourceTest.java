package org.openaccess.partner.core.secrets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.observability.EmfMetrics;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.testkit.EmfDocuments;
import org.openaccess.partner.testkit.SecretsManagerStub;

/** The real SecretsManagerClient against the in-process stub speaking the AWS JSON 1.1 protocol. */
class SecretsManagerSecretSourceTest {
    private static final String FIRST =
            json("first-client-secret-0123456789abcd", "first-session-key-0123456789abcdef0", "first-puid-key");
    private static final String ROTATED =
            json("rotated-client-secret-0123456789ab", "rotated-session-key-0123456789abcd", "rotated-puid-key");

    private static SecretsManagerStub stub;

    @BeforeAll
    static void start() {
        stub = SecretsManagerStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static String json(String clientSecret, String sessionKey, String puidKey) {
        return "{\"client_secret\":\"" + clientSecret + "\",\"session_key\":\"" + sessionKey + "\",\"puid_key\":\""
                + puidKey + "\"}";
    }

    private static String newSecret(String value) {
        String name = "partner/" + UUID.randomUUID();
        stub.putSecret(name, value);
        return name;
    }

    /** A first read of the secret {@code id} by a new source, expected to be refused. */
    private static SecretsUnavailableException refusedReading(String id) {
        return assertThrows(
                SecretsUnavailableException.class,
                () -> new SecretsManagerSecretSource(stub.client(), id, MovingClock.atNow()).current());
    }

    /** A source that has read the FIRST secret, which has since been rotated to ROTATED. */
    private record Rotated(String id, MovingClock clock, SecretsManagerSecretSource source) {
        /** How often Secrets Manager has been asked for the secret. */
        int reads() {
            return stub.readCount(id);
        }
    }

    private static Rotated readFirstThenRotate() {
        String id = newSecret(FIRST);
        MovingClock clock = MovingClock.atNow();
        SecretsManagerSecretSource source = new SecretsManagerSecretSource(stub.client(), id, clock);
        source.current();
        stub.putSecret(id, ROTATED);
        return new Rotated(id, clock, source);
    }

    @Test
    void readsTheThreeValuesOfTheSecretByNameOrArn() {
        String name = "partner/" + UUID.randomUUID();
        String arn = stub.putSecret(name, FIRST);
        for (String id : new String[] {name, arn}) {
            PartnerSecrets secrets = new SecretsManagerSecretSource(stub.client(), id, MovingClock.atNow()).current();
            assertAll(
                    () -> assertEquals("first-client-secret-0123456789abcd", secrets.clientSecret()),
                    () -> assertEquals("first-session-key-0123456789abcdef0", secrets.sessionKey()),
                    () -> assertEquals("first-puid-key", secrets.puidKey()));
        }
    }

    @Test
    void servesFromCacheUntilTheMaximumAgeThenPicksUpARotation() {
        Rotated rotated = readFirstThenRotate();
        rotated.clock().advance(Duration.ofMinutes(4));
        assertEquals(
                "first-client-secret-0123456789abcd", rotated.source().current().clientSecret());
        assertEquals(1, rotated.reads());

        rotated.clock().advance(Duration.ofMinutes(1));
        assertEquals(
                "rotated-client-secret-0123456789ab", rotated.source().current().clientSecret());
        assertEquals(2, rotated.reads());
    }

    @Test
    void reReadsOnceForABurstOfRejections() {
        Rotated rotated = readFirstThenRotate();
        SecretsManagerSecretSource source = rotated.source();

        assertEquals(
                "rotated-client-secret-0123456789ab",
                source.reloadAfterRejection().clientSecret());
        rotated.clock().advance(Duration.ofSeconds(3));
        assertEquals(
                "rotated-client-secret-0123456789ab",
                source.reloadAfterRejection().clientSecret());
        assertEquals("rotated-client-secret-0123456789ab", source.current().clientSecret());
        assertEquals(2, rotated.reads(), "one initial read and one re-read for the whole burst");

        rotated.clock().advance(Duration.ofSeconds(10));
        source.reloadAfterRejection();
        assertEquals(3, rotated.reads(), "a later rejection is a new burst");
    }

    @Test
    void aSecretLackingKeysIsNamedWithoutShowingAnyValue() {
        String id = newSecret("{\"client_secret\":\"visible-client-secret-value-0001\",\"puid_key\":\"\"}");
        SecretsUnavailableException e = refusedReading(id);
        assertTrue(e.getMessage().contains("session_key"), e.getMessage());
        assertTrue(e.getMessage().contains("puid_key"), e.getMessage());
        assertFalse(e.getMessage().contains("client_secret"), "client_secret is present: " + e.getMessage());
        assertFalse(e.getMessage().contains("visible-client-secret-value-0001"));
    }

    @Test
    void aSecretThatIsNotJsonIsRefusedWithoutQuotingIt() {
        String id = newSecret("client_secret=plain-text-secret-value-0002");
        SecretsUnavailableException e = refusedReading(id);
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertFalse(e.getMessage().contains("plain-text-secret-value-0002"));
        assertEquals(null, e.getCause(), "the parser's exception quotes the input");
    }

    @Test
    void anUnknownSecretIsReportedWithAwsErrorCode() {
        SecretsUnavailableException e = refusedReading("partner/missing-" + UUID.randomUUID());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    }

    @Test
    void accessDeniedIsReportedAndTheNextReadRecovers() {
        String id = newSecret(FIRST);
        SecretsManagerSecretSource source = new SecretsManagerSecretSource(stub.client(), id, MovingClock.atNow());
        stub.failNextCalls(1, SecretsManagerStub.Failure.ACCESS_DENIED);
        SecretsUnavailableException e = assertThrows(SecretsUnavailableException.class, source::current);
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
        assertEquals("first-puid-key", source.current().puidKey());
    }

    @Test
    void secretsNeverShowInToString() {
        PartnerSecrets secrets = new PartnerSecrets("client-secret-x", "session-key-y", "puid-key-z");
        assertEquals("PartnerSecrets[redacted]", secrets.toString());
    }

    @Test
    void aClientSecretTooShortToSignWithIsAMisconfigurationLoggedWithAMetricAndNeverItsValue() {
        String shortSecret = "pasted-and-truncated";
        String id = newSecret(json(shortSecret, "first-session-key-0123456789abcdef0", "first-puid-key"));
        List<String> lines = new ArrayList<>();
        List<String> metricLines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics(metricLines::add);
        SecretsManagerSecretSource source = new SecretsManagerSecretSource(
                stub.client(), id, MovingClock.atNow(), new JsonLog((line, level) -> lines.add(line)), metrics);

        PartnerMisconfiguredException e = assertThrows(PartnerMisconfiguredException.class, source::current);

        assertTrue(e.getMessage().contains("client_secret"), e.getMessage());
        assertFalse(e.getMessage().contains(shortSecret));
        assertTrue(e instanceof SecretsUnavailableException, "callers that retry an outage retry this too");
        String operatorLine = lines.stream()
                .filter(line -> line.contains("\"level\":\"ERROR\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator line: " + lines));
        assertTrue(operatorLine.contains("client_secret") && operatorLine.contains(id), operatorLine);
        metrics.flush(); // as the handler does at the end of the invocation
        List<JsonNode> documents = EmfDocuments.among(metricLines);
        assertEquals(1, EmfDocuments.sum(documents, "ClientSecretInvalid", Map.of()), metricLines.toString());
        assertEquals(
                Set.of(new EmfDocuments.Emitted("OpenAccessPartner", "ClientSecretInvalid", Set.of())),
                EmfDocuments.metricsOf(documents));
        for (String line : metricLines) {
            assertFalse(line.contains(shortSecret), "the secret reached a metric line");
        }
        for (String line : lines) {
            assertFalse(line.contains(shortSecret), "the secret reached a log line");
        }
    }
}
