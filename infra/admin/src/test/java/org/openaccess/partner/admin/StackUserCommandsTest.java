package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.Dynalite;

/**
 * The user commands and redrive on {@code --stack NAME}: the real SDK clients against CloudFormation's and Secrets
 * Manager's stand-ins, dynalite, and an SQS + DynamoDB Streams stand-in holding what Lambda's on-failure destination
 * writes; Spotify is the emulator.
 */
@Tag("integration")
class StackUserCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Membership ADA = EntitlementTestBed.member("member-ada");
    private static final Membership GRACE = EntitlementTestBed.member("member-grace");
    private static final Membership ALAN = EntitlementTestBed.member("member-alan");

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    @RegisterExtension
    static final StackFixture aws = new StackFixture();

    private FailureQueueStub queue;
    private EntitlementTestBed bed;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void deployedStack() {
        queue = FailureQueueStub.start();
        bed = new EntitlementTestBed(SPOTIFY.emulator(), Set.of(Setting.RECONCILE_STATE_TABLE));
        String secretArn = aws.secretsManager.putSecret(
                "acme/open-access",
                "{\"client_secret\":\"" + EmulatorConfig.LOCAL_CLIENT_SECRET
                        + "\",\"session_key\":\"local-session-key-0123456789abcdef0123\",\"puid_key\":\""
                        + "local-puid-key-0123456789abcdef012345\"}");
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("PartnersTableName", bed.environment.get("PARTNERS_TABLE"));
        outputs.put("LinksTableName", bed.environment.get("LINKS_TABLE"));
        outputs.put("EntitlementsTableName", bed.environment.get("ENTITLEMENTS_TABLE"));
        outputs.put("LinkStatesTableName", bed.environment.get("LINK_STATES_TABLE"));
        outputs.put("ReconcileStateTableName", bed.environment.get("RECONCILE_STATE_TABLE"));
        outputs.put("PushFailureQueueUrl", queue.queueUrl());
        outputs.put("ApiBaseUrl", "https://api.acme.example");
        outputs.put("SecretArn", secretArn);
        outputs.put("ClientId", EmulatorConfig.LOCAL_CLIENT_ID);
        outputs.put("AccountsUrl", SPOTIFY.accountsUrl().toString());
        outputs.put("OpenAccessUrl", SPOTIFY.openAccessUrl().toString());
        aws.cloudFormation.putStack("acme-prod", outputs);
        env.putAll(aws.operatorEnvironment());
        env.put("AWS_ENDPOINT_URL_SQS", queue.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", queue.endpoint().toString());
    }

    @org.junit.jupiter.api.AfterEach
    void stopQueue() {
        queue.close();
    }

    @Test
    void redriveSyncsTheFailedBatchesMembershipsAndKeepsWhatItCannotRead() {
        bed.link(ADA, "listener-ada", Set.of("show-a"));
        bed.change(ADA, Set.of("show-a", "show-b"));
        bed.link(ALAN, "listener-alan", Set.of("show-a"));
        bed.change(ALAN, Set.of("show-z")); // changed after the failed batch: not this redrive's business
        queue.record("shard-1", 100, "member-ada", EntitlementTestBed.PARTNER_ID);
        queue.record("shard-1", 101, "member-grace", EntitlementTestBed.PARTNER_ID); // never linked
        queue.record("shard-1", 102, "member-alan", EntitlementTestBed.PARTNER_ID);
        queue.failedBatch("shard-1", 100, 101);
        queue.failedBatch("shard-0", 7, 9);
        queue.trim("shard-0");

        AdminRun run = AdminRun.run(env, "--stack", "acme-prod", "redrive");

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.toString());
        assertTrue(run.err().contains("2/2 100%"), run.err());
        assertTrue(run.out().contains("Redrove 1 of 2 failed batch(es)"), run.out());
        assertTrue(run.out().contains("1 sent, 0 unchanged, 1 not linked"), run.out());
        assertTrue(
                run.out().contains("1 batch(es) kept whose records the stream no longer holds: run reconcile"),
                run.out());
        assertEquals(Set.of("show-a", "show-b"), bed.onSpotify(ADA));
        assertEquals(0, bed.replaceCalls(ALAN), "a record after the batch's last is not redriven");
        assertEquals(0, bed.replaceCalls(GRACE));
        assertEquals(1, queue.depth(), "the redriven batch is removed, the unreadable one kept");

        queue.visibilityExpires(); // 15 minutes later
        AdminRun again = AdminRun.run(env, "--stack", "acme-prod", "redrive", "--json");
        JsonNode summary = json(again);
        assertEquals(1, summary.path("unreadable").asInt(), again.toString());
        assertEquals(0, summary.path("redriven").asInt());
    }

    @Test
    void redriveOfAnEmptyQueueSaysSo() {
        AdminRun run = AdminRun.run(env, "--stack", "acme-prod", "redrive");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("The failure queue is empty"), run.out());
    }

    @Test
    void theLocalStackHasNoQueueAndSaysWhatToDoInstead() {
        Map<String, String> local = new HashMap<>();
        local.put(
                "LOCAL_DYNAMODB_PORT",
                Integer.toString(Dynalite.shared().endpoint().getPort()));
        local.put("LINKS_TABLE", bed.environment.get("LINKS_TABLE"));
        local.put("ENTITLEMENTS_TABLE", bed.environment.get("ENTITLEMENTS_TABLE"));
        local.put("LINK_STATES_TABLE", bed.environment.get("LINK_STATES_TABLE"));

        AdminRun run = AdminRun.run(local, "--local", "redrive");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("has no failure queue"), run.err());
        assertTrue(run.err().contains("./admin --local reconcile"), run.err());
    }

    @Test
    void eraseAndInspectWorkOnAStackToo() {
        bed.link(ADA, "listener-ada", Set.of("show-a"));

        AdminRun inspect = AdminRun.run(env, "--stack", "acme-prod", "inspect-user", "member-ada", "--json");
        assertEquals(ExitCodes.OK, inspect.exitCode(), inspect.toString());
        assertEquals(
                "in-sync", json(inspect).path("partners").get(0).path("verdict").asText());

        AdminRun erase = AdminRun.run(env, "--stack", "acme-prod", "erase-user", "member-ada");
        assertEquals(ExitCodes.OK, erase.exitCode(), erase.toString());
        assertTrue(bed.spotify.link(ADA.partnerId(), bed.puid(ADA)).isEmpty());
        assertTrue(bed.link(ADA).isEmpty());

        AdminRun gone = AdminRun.run(env, "--stack", "acme-prod", "inspect-user", "member-ada");
        assertEquals(ExitCodes.CONFLICT, gone.exitCode(), gone.toString());
    }

    @Test
    void aStackFromAnOlderTemplateIsNamedForTheUserCommands() {
        aws.cloudFormation.putStack(
                "acme-old",
                Map.of(
                        "PartnersTableName",
                        bed.environment.get("PARTNERS_TABLE"),
                        "ApiBaseUrl",
                        "https://api.acme.example",
                        "SecretArn",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x",
                        "ClientId",
                        EmulatorConfig.LOCAL_CLIENT_ID,
                        "AccountsUrl",
                        SPOTIFY.accountsUrl().toString(),
                        "OpenAccessUrl",
                        SPOTIFY.openAccessUrl().toString()));

        AdminRun run = AdminRun.run(env, "--stack", "acme-old", "inspect-user", "member-ada");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("lacks the outputs LinksTableName, EntitlementsTableName, LinkStatesTableName"),
                run.err());
    }

    private static JsonNode json(AdminRun run) {
        try {
            return JSON.readTree(run.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + run, e);
        }
    }
}
