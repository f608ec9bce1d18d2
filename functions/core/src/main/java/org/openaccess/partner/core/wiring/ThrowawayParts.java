package org.openaccess.partner.core.wiring;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openaccess.partner.core.linking.DynamoLinkStateStore;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.session.JwtSessionVerifier;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.session.SessionVerifier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Stand-ins with which priming runs a function's success path before a SnapStart snapshot: a throwaway key (not a
 * secret, and refused by every real verifier, whose key comes from Secrets Manager after restore), a throwaway
 * random generator that shares no state with the container's {@link CoreWiring#secureRandom()}, and a link-state
 * store whose DynamoDB calls are answered in memory. None of them is ever handed to a request's code.
 */
public final class ThrowawayParts {
    /**
     * The generator algorithm of the throwaway: the JDK's non-blocking native generator keeps its own pool, apart
     * from the default ({@code NativePRNG}, mixed) one that the container's generator creates after restore.
     */
    static final String THROWAWAY_ALGORITHM = "NativePRNGNonBlocking";

    private ThrowawayParts() {}

    /** Secrets holding only the throwaway key. */
    public static SecretSource secrets() {
        return new SecretSource() {
            @Override
            public PartnerSecrets current() {
                return new PartnerSecrets(WarmUp.THROWAWAY_KEY, WarmUp.THROWAWAY_KEY, WarmUp.THROWAWAY_KEY);
            }

            @Override
            public PartnerSecrets reloadAfterRejection() {
                return current();
            }
        };
    }

    /** A session verifier that accepts sessions signed with the throwaway key, and only those. */
    public static SessionVerifier sessions(Clock clock) {
        return new JwtSessionVerifier(secrets(), Optional.empty(), null, clock);
    }

    /** A session cookie for {@link #sessions}, valid for a minute from {@code now}. */
    public static String session(String userId, Instant now) {
        return SessionTokens.issue(WarmUp.THROWAWAY_KEY, userId, now, Duration.ofMinutes(1));
    }

    /**
     * A new generator for priming's draws, discarded after them. Not the default algorithm: see
     * {@link #THROWAWAY_ALGORITHM}; where the platform lacks it, the DRBG, which is not the default either.
     */
    public static SecureRandom generator() {
        try {
            return SecureRandom.getInstance(THROWAWAY_ALGORITHM);
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("DRBG is part of every JDK", e);
            }
        }
    }

    /** A link-state store whose writes go to the in-memory AWS answers, never to a table. */
    public static LinkStateStore linkStates(String defaultPartnerId) {
        return new DynamoLinkStateStore(inMemoryDynamoDb(), "warm-up", defaultPartnerId);
    }

    /**
     * A link-state store that holds no state, answered in memory: a callback's state is unknown there (its
     * conditional delete refused, as DynamoDB refuses an unknown or used state), whatever the callback carries.
     */
    public static LinkStateStore emptyLinkStates(String defaultPartnerId) {
        return new DynamoLinkStateStore(inMemoryDynamoDb(), CannedAwsConnections.EMPTY_TABLE, defaultPartnerId);
    }

    /**
     * A DynamoDB client configured like the deployed one, whose calls are answered in memory: queries and scans find
     * nothing, writes and deletes succeed. For priming a function's own DynamoDB adapters.
     */
    public static DynamoDbClient inMemoryDynamoDb() {
        return dynamoDb(new CannedAwsConnections());
    }

    /** A DynamoDB client configured like the deployed one, answered in memory by {@code answers}. */
    static DynamoDbClient dynamoDb(CannedAwsConnections answers) {
        return DynamoDbClient.builder()
                .httpClient(answers.httpClient())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .endpointOverride(NOWHERE)
                .build();
    }

    static final URI NOWHERE = URI.create("http://warm-up.invalid");

    /** Session credentials, as Lambda's role gives them, with dummy values. */
    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create("warm-up", "warm-up", "warm-up"));
    }
}
