package org.openaccess.partner.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.spotify.JwsSigner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * What the first request would otherwise load: jjwt signing and parsing, Jackson, the DynamoDB model
 * classes. Uses a fixed dummy key and fixed instants: nothing random, nothing secret, no network.
 */
final class WarmUp {
    private static final String DUMMY_KEY = "warm-up-key-not-a-secret-0123456789abcdef";

    private WarmUp() {
    }

    static void run() {
        String jws = JwsSigner.sign(Map.of("partner_id", "0000000000000000000000", "entitlements", List.of("x")), DUMMY_KEY);
        SecretSource dummy = new SecretSource() {
            @Override
            public PartnerSecrets current() {
                return new PartnerSecrets(DUMMY_KEY, DUMMY_KEY, DUMMY_KEY);
            }

            @Override
            public PartnerSecrets reloadAfterRejection() {
                return current();
            }
        };
        Instant now = Instant.now();
        String session = SessionTokens.issue(DUMMY_KEY, "warm-up", now, Duration.ofMinutes(1));
        SessionCheck check = new JwtSessionVerifier(dummy, Optional.empty(), null, Clock.systemUTC())
                .verify(Optional.of(session));
        if (!(check instanceof SessionCheck.Valid)) {
            throw new IllegalStateException("Warm-up session did not verify: " + check);
        }
        PutItemRequest.builder().tableName("warm-up")
                .item(Map.of("k", AttributeValue.fromS(jws.substring(0, 8)), "n", AttributeValue.fromN("1"),
                        "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x")))))
                .conditionExpression("attribute_not_exists(k)").build();
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode node = json.readTree("{\"completion_url\":\"https://open.spotify.com\",\"entitlements\":[\"basic\"]}");
            json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
