package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Scopes;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TemplateTables;

/**
 * {@code --stack NAME} through the real AWS SDK clients against local stand-ins: CloudFormation's DescribeStacks
 * (protocol stub), Secrets Manager (protocol stub) and DynamoDB (dynalite), reached through the SDK's own endpoint
 * variables; Spotify is the emulator, with a platform client of its own.
 */
@Tag("integration")
class StackTargetTest {
    private static final String CLIENT_ID = "5ac0ffee5ac0ffee5ac0ffee5ac0ffee";

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EmulatorConfig.defaults()
            .withClient(ClientConfig.of(CLIENT_ID, StackFixture.CLIENT_SECRET, "Acme membership platform")
                    .withAllowedScopes(Scopes.ALL)));

    @RegisterExtension
    static final StackFixture aws = new StackFixture();

    private final Map<String, String> env = new HashMap<>();
    private String table;
    private String secretArn;

    @BeforeEach
    void deployedStack() {
        Dynalite dynalite = Dynalite.shared();
        table = TemplateTables.fromRepository()
                .createAll(dynalite.client(), UUID.randomUUID().toString().substring(0, 8))
                .get("PartnersTable");
        secretArn = aws.secretsManager.putSecret(
                "acme/open-access",
                "{\"client_secret\":\"" + StackFixture.CLIENT_SECRET
                        + "\",\"session_key\":\"s3ss10n-k3y-0123456789\",\"puid_key\":\"pu1d-k3y-0123456789\"}");
        aws.cloudFormation.putStack("acme-prod", outputs());
        env.putAll(aws.operatorEnvironment());
    }

    private Map<String, String> outputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("EntrypointUrl", "https://api.acme.example/link");
        outputs.put("PartnersTableName", table);
        outputs.put("ApiBaseUrl", "https://api.acme.example");
        outputs.put("SecretArn", secretArn);
        outputs.put("ClientId", CLIENT_ID);
        outputs.put("AccountsUrl", SPOTIFY.accountsUrl().toString());
        outputs.put("OpenAccessUrl", SPOTIFY.openAccessUrl().toString());
        return outputs;
    }

    @Test
    void createsAndListsPartnersOfADeployedStack() {
        int secretReads = aws.secretsManager.readCount(secretArn);

        AdminRun created = AdminRun.run(
                env, "--stack", "acme-prod", "create-partner", "--name", "Acme Creator One", "--slug", "creator-one");

        assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
        String partnerId = LocalFixture.printedPartnerId(created);
        assertTrue(created.out().contains("Entrypoint URL: https://api.acme.example/link/creator-one"), created.out());
        RegisteredPartner recorded = new DynamoPartnerRegistry(Dynalite.shared().client(), table, Clock.systemUTC())
                .find(PartnerSlug.parse("creator-one"))
                .orElseThrow();
        assertEquals(java.util.Optional.of(partnerId), recorded.partnerId());
        assertTrue(recorded.isActive());
        // Spotify saw the platform's own client, authenticated with the secret from Secrets Manager.
        assertEquals(
                List.of(CLIENT_ID),
                SPOTIFY.emulator().calls("create-partner").stream()
                        .map(c -> c.clientId())
                        .toList());
        assertEquals(secretReads + 1, aws.secretsManager.readCount(secretArn));

        AdminRun listed = AdminRun.run(env, "--stack", "acme-prod", "list-partners", "--json");
        assertEquals(ExitCodes.OK, listed.exitCode(), listed.toString());
        assertTrue(listed.out().contains("\"partnerId\" : \"" + partnerId + "\""), listed.out());
    }

    @Test
    void listingNeedsNoSecret() {
        int reads = aws.secretsManager.readCount();
        AdminRun listed = AdminRun.run(env, "list-partners", "--stack", "acme-prod");
        assertEquals(ExitCodes.OK, listed.exitCode(), listed.toString());
        assertEquals(reads, aws.secretsManager.readCount());
    }

    @Test
    void anUnknownStackIsNamed() {
        AdminRun run = AdminRun.run(env, "--stack", "no-such-stack", "list-partners");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: Cannot read stack no-such-stack in eu-west-1: ValidationError (Stack with id no-such-stack does"
                        + " not exist)\n",
                run.err());
    }

    @Test
    void aStackFromAnOlderTemplateIsNamedWithWhatItLacks() {
        Map<String, String> older = outputs();
        older.remove("PartnersTableName");
        older.remove("ApiBaseUrl");
        aws.cloudFormation.putStack("acme-old", "UPDATE_COMPLETE", older);

        AdminRun run = AdminRun.run(
                env, "--stack", "acme-old", "create-partner", "--name", "Acme Creator One", "--slug", "creator-one");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: Stack acme-old (UPDATE_COMPLETE) lacks the outputs PartnersTableName, ApiBaseUrl: it was"
                        + " deployed from an older template.yaml. Deploy the current one first.\n",
                run.err());
        assertTrue(SPOTIFY.emulator().calls().isEmpty());
    }

    @Test
    void anUnreadableSecretStopsCreatePartnerBeforeAnythingIsRecorded() {
        aws.secretsManager.failNextCalls(10, SecretsManagerStub.Failure.ACCESS_DENIED);
        try {
            AdminRun run = AdminRun.run(
                    env,
                    "--stack",
                    "acme-prod",
                    "create-partner",
                    "--name",
                    "Acme Creator One",
                    "--slug",
                    "creator-one");
            assertEquals(ExitCodes.FAILED, run.exitCode(), run.toString());
            assertTrue(
                    run.err()
                            .startsWith("admin: Cannot read the client secret: Could not read secret " + secretArn
                                    + " from Secrets Manager: AccessDeniedException"),
                    run.err());
        } finally {
            aws.secretsManager.failNextCalls(0, SecretsManagerStub.Failure.ACCESS_DENIED);
        }
        assertTrue(SPOTIFY.emulator().calls().isEmpty());
        assertTrue(new DynamoPartnerRegistry(Dynalite.shared().client(), table, Clock.systemUTC())
                .find(PartnerSlug.parse("creator-one"))
                .isEmpty());
    }
}
