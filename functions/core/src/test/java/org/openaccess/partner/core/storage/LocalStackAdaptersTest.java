package org.openaccess.partner.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.entitlements.DynamoEntitlementStore;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.DynamoLinkStateStore;
import org.openaccess.partner.core.linking.DynamoLinkStore;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.testkit.TemplateTables;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The DynamoDB and Secrets Manager adapters against LocalStack, where Docker is present. Skipped (and
 * reported as skipped) where it is not: dynalite and the Secrets Manager protocol stub cover the same ground.
 */
@Testcontainers(disabledWithoutDocker = true)
@org.junit.jupiter.api.Tag("integration")
class LocalStackAdaptersTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
                    DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("dynamodb", "secretsmanager");

    private static DynamoDbClient dynamo;
    private static SecretsManagerClient secretsManager;
    private static Map<String, String> tables;

    @BeforeAll
    static void clients() {
        dynamo = ofLocalStack(DynamoDbClient.builder());
        secretsManager = ofLocalStack(SecretsManagerClient.builder());
        tables = TemplateTables.fromRepository().createAll(dynamo, "ls");
    }

    /** A real SDK client of LocalStack's endpoint, region and credentials. */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C ofLocalStack(B builder) {
        return builder.endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void aLinkStateIsConsumedOnce() {
        DynamoLinkStateStore store =
                new DynamoLinkStateStore(dynamo, tables.get("LinkStatesTable"), MEMBER.partnerId());
        LinkState state = new LinkState(
                "hash-" + UUID.randomUUID(),
                "member-1",
                PartnerRoute.defaultPartner(MEMBER.partnerId()),
                "v".repeat(43),
                "binding",
                Optional.of("spotify:show:LunarBasicShow00000001"),
                Instant.now().plusSeconds(600));
        store.save(state);
        assertEquals(
                new LinkStateStore.Consumed.Taken(state), store.consume(state.stateHash(), Optional.of("binding")));
        assertEquals(new LinkStateStore.Consumed.Unknown(), store.consume(state.stateHash(), Optional.of("binding")));
    }

    private static final Membership MEMBER = new Membership("member-ls", "LocalDemoPartner000001");

    @Test
    void sentEntitlementsNeverMoveBackwards() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        DynamoLinkStore store = new DynamoLinkStore(dynamo, tables.get("LinksTable"), new MovingClock(now));
        store.recordLinked(MEMBER, "a".repeat(64), new SentEntitlements(Set.of("basic"), now, now));
        assertTrue(store.recordSent(
                MEMBER, new SentEntitlements(Set.of("premium"), now.plusSeconds(5), now.plusSeconds(5))));
        assertFalse(store.recordSent(MEMBER, new SentEntitlements(Set.of(), now.plusSeconds(1), now.plusSeconds(6))));
        assertEquals(
                Set.of("premium"),
                store.find(MEMBER).orElseThrow().lastSent().orElseThrow().entitlements());
    }

    @Test
    void entitlementsRoundTripAndClear() {
        DynamoEntitlementStore store = new DynamoEntitlementStore(dynamo, tables.get("EntitlementsTable"));
        PartnerMembership membership = new PartnerMembership(dynamo, tables.get("EntitlementsTable"));
        membership.set(MEMBER, Set.of("basic", "premium"));
        assertEquals(Set.of("basic", "premium"), store.current(MEMBER));
        membership.set(MEMBER, Set.of());
        assertEquals(Set.of(), store.current(MEMBER));
    }

    @Test
    void theSecretIsReadAndAMalformedOneNamesWhatIsMissing() {
        String good = "partner/" + UUID.randomUUID();
        secretsManager.createSecret(
                b -> b.name(good)
                        .secretString(
                                "{\"client_secret\":\"cs-0123456789abcdef0123456789abcdef\",\"session_key\":\"sk-0123456789abcdef0123456789abcdef\",\"puid_key\":\"pk\"}"));
        assertEquals(
                "pk",
                new SecretsManagerSecretSource(secretsManager, good, MovingClock.atNow())
                        .current()
                        .puidKey());

        String bad = "partner/" + UUID.randomUUID();
        secretsManager.createSecret(b -> b.name(bad).secretString("{\"client_secret\":\"cs-visible\"}"));
        SecretsUnavailableException e = assertThrows(
                SecretsUnavailableException.class,
                () -> new SecretsManagerSecretSource(secretsManager, bad, MovingClock.atNow()).current());
        assertTrue(e.getMessage().contains("session_key"));
        assertFalse(e.getMessage().contains("cs-visible"));
    }
}
