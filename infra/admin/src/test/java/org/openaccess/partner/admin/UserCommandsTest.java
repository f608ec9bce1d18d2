package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.Dynalite;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * inspect-user, resync-user, erase-user and reconcile on {@code --local}: dynalite with the template's tables, links
 * made as the callback makes them, the Spotify emulator (with a second partner id, as a membership platform has).
 */
@Tag("integration")
class UserCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "member-4711";
    private static final Membership AT_DEFAULT = EntitlementTestBed.member(USER);
    private static final Membership AT_CREATOR = new Membership(USER, EntitlementTestBed.SECOND_PARTNER_ID);

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private EntitlementTestBed bed;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void tables() {
        bed = new EntitlementTestBed(SPOTIFY.emulator(), Set.of(Setting.RECONCILE_STATE_TABLE));
        env.put(
                "LOCAL_DYNAMODB_PORT",
                Integer.toString(Dynalite.shared().endpoint().getPort()));
        env.put("SPOTIFY_ACCOUNTS_URL", bed.spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", bed.spotify.openAccessUrl().toString());
        env.put("PUBLIC_BASE_URL", LocalFixture.PUBLIC_BASE);
        for (String variable : List.of(
                "LINKS_TABLE", "ENTITLEMENTS_TABLE", "LINK_STATES_TABLE", "RECONCILE_STATE_TABLE", "PARTNERS_TABLE")) {
            env.put(variable, bed.environment.get(variable));
        }
    }

    private AdminRun admin(String... args) {
        return AdminRun.run(env, args);
    }

    private static JsonNode json(AdminRun run) {
        try {
            return JSON.readTree(run.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + run, e);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void inspectShowsTheTableTheLinkAndSpotifysCopyInSync() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a", "show-b"));

        AdminRun run = admin("--local", "inspect-user", USER, "--json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        JsonNode partner = json(run).path("partners").get(0);
        assertEquals(EntitlementTestBed.PARTNER_ID, partner.path("partnerId").asText());
        assertEquals("in-sync", partner.path("verdict").asText());
        assertEquals(Set.of("show-a", "show-b"), texts(partner.path("entitlements")));
        assertEquals(Set.of("show-a", "show-b"), texts(partner.path("onSpotify")));
        assertEquals("LINKED", partner.path("link").path("status").asText());
        assertEquals(
                bed.puid(AT_DEFAULT), partner.path("link").path("partnerUserId").asText());
        assertEquals(
                Set.of("show-a", "show-b"),
                texts(partner.path("link").path("lastSent").path("entitlements")));

        AdminRun text = admin("--local", "inspect-user", USER);
        assertTrue(text.out().contains("partner " + EntitlementTestBed.PARTNER_ID + ": in-sync"), text.out());
        assertTrue(text.out().contains("  entitlements table: show-a, show-b"), text.out());
    }

    @Test
    void inspectNamesTheDriftAndResyncRepairsIt() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a", "show-b"));
        bed.change(AT_DEFAULT, Set.of("show-a", "show-c")); // no push runs here: Spotify keeps the old set

        AdminRun drift = admin("--local", "inspect-user", USER, "--json");

        assertEquals(ExitCodes.NOT_IN_SYNC, drift.exitCode(), drift.toString());
        JsonNode partner = json(drift).path("partners").get(0);
        assertEquals("drift", partner.path("verdict").asText());
        assertTrue(partner.path("detail").asText().contains("missing on Spotify: show-c"), drift.out());
        assertTrue(partner.path("detail").asText().contains("only on Spotify: show-b"), drift.out());

        AdminRun resync = admin("--local", "resync-user", USER, "--json");

        assertEquals(ExitCodes.OK, resync.exitCode(), resync.toString());
        assertEquals(
                "sent", json(resync).path("partners").get(0).path("outcome").asText());
        assertEquals(Set.of("show-a", "show-c"), bed.onSpotify(AT_DEFAULT));
        assertEquals(1, bed.replaceCalls(AT_DEFAULT));

        AdminRun again = admin("--local", "resync-user", USER);
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(again.out().contains(": unchanged - "), again.out());
        assertEquals(1, bed.replaceCalls(AT_DEFAULT), "an unchanged set is not sent again");
        assertEquals(ExitCodes.OK, admin("--local", "inspect-user", USER).exitCode());
    }

    @Test
    void inspectSaysWhenTheListenerUnlinkedOnSpotifysSide() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));
        bed.spotify.unlinkOnSpotify(EntitlementTestBed.PARTNER_ID, bed.puid(AT_DEFAULT));

        AdminRun run = admin("--local", "inspect-user", USER, "--json");

        assertEquals(ExitCodes.NOT_IN_SYNC, run.exitCode(), run.toString());
        assertEquals(
                "unlinked-on-spotify",
                json(run).path("partners").get(0).path("verdict").asText());
    }

    @Test
    void inspectCoversEveryPartnerOfTheUserOrOneSlug() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));
        bed.link(AT_CREATOR, "listener-1", Set.of("creator-show"));
        bed.wiring
                .partners()
                .recordIntent(
                        PartnerSlug.parse("creator-two"),
                        "Creator Two",
                        java.net.URI.create(LocalFixture.PUBLIC_BASE + "/link/creator-two"));
        bed.wiring.partners().recordCreated(PartnerSlug.parse("creator-two"), EntitlementTestBed.SECOND_PARTNER_ID);

        JsonNode all = json(admin("--local", "inspect-user", USER, "--json"));
        assertEquals(2, all.path("partners").size(), all.toString());

        AdminRun one = admin("--local", "inspect-user", USER, "--slug", "creator-two", "--json");
        assertEquals(ExitCodes.OK, one.exitCode(), one.toString());
        JsonNode partners = json(one).path("partners");
        assertEquals(1, partners.size());
        assertEquals("creator-two", partners.get(0).path("slug").asText());
        assertEquals(Set.of("creator-show"), texts(partners.get(0).path("onSpotify")));
    }

    @Test
    void badInputIsRefusedWithItsExitCode() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));

        AdminRun unknownUser = admin("--local", "inspect-user", "nobody-here");
        assertEquals(ExitCodes.CONFLICT, unknownUser.exitCode(), unknownUser.toString());
        assertTrue(unknownUser.err().startsWith("admin: Unknown user 'nobody-here'"), unknownUser.err());

        AdminRun unknownSlug = admin("--local", "inspect-user", USER, "--slug", "no-such-show");
        assertEquals(ExitCodes.CONFLICT, unknownSlug.exitCode(), unknownSlug.toString());
        assertTrue(unknownSlug.err().startsWith("admin: No partner with the slug 'no-such-show'"), unknownSlug.err());

        AdminRun badSlug = admin("--local", "inspect-user", USER, "--slug", "Bad_Slug");
        assertEquals(ExitCodes.USAGE, badSlug.exitCode(), badSlug.toString());

        AdminRun resyncUnknown = admin("--local", "resync-user", "nobody-here");
        assertEquals(ExitCodes.CONFLICT, resyncUnknown.exitCode(), resyncUnknown.toString());

        AdminRun emptyUser = admin("--local", "erase-user", " ");
        assertEquals(ExitCodes.USAGE, emptyUser.exitCode(), emptyUser.toString());
        assertTrue(emptyUser.err().startsWith("admin: USER is empty"), emptyUser.err());

        AdminRun noTarget = admin("inspect-user", USER);
        assertEquals(ExitCodes.USAGE, noTarget.exitCode(), noTarget.toString());
        assertEquals(0, bed.spotify.calls().size(), "no call for bad input");
    }

    @Test
    void eraseUnlinksAtSpotifyAndDeletesEveryItemOnce() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));
        bed.link(AT_CREATOR, "listener-1", Set.of("creator-show"));
        pendingLinkState("state-hash-1", USER);
        pendingLinkState("state-hash-2", "someone-else");

        AdminRun run = admin("--local", "erase-user", USER);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("User '" + USER + "' is erased."), run.out());
        assertTrue(run.out().contains("pending link states deleted: 1"), run.out());
        assertTrue(
                bed.spotify.link(AT_DEFAULT.partnerId(), bed.puid(AT_DEFAULT)).isEmpty());
        assertTrue(
                bed.spotify.link(AT_CREATOR.partnerId(), bed.puid(AT_CREATOR)).isEmpty());
        assertEquals(0, items("LINKS_TABLE", USER) + items("ENTITLEMENTS_TABLE", USER));
        assertFalse(stateExists("state-hash-1"));
        assertTrue(stateExists("state-hash-2"), "another user's link state is kept");
        assertEquals(2, bed.spotify.calls("unlink-user").size());

        AdminRun again = admin("--local", "erase-user", USER, "--json");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(json(again).path("nothingFound").asBoolean(), again.out());
        assertEquals(2, bed.spotify.calls("unlink-user").size(), "the second run calls nobody");
    }

    @Test
    void aSpotifyFailureKeepsTheUserErasableAndTheNextRunFinishes() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));
        bed.spotify.faults().inject("unlink-user", Fault.status(503));

        AdminRun failed = admin("--local", "erase-user", USER, "--json");

        assertEquals(ExitCodes.FAILED, failed.exitCode(), failed.toString());
        JsonNode report = json(failed);
        assertFalse(report.path("complete").asBoolean());
        assertEquals("FAILED", report.path("partners").get(0).path("spotify").asText());
        assertTrue(bed.link(AT_DEFAULT).orElseThrow().isLinked(), "the link is kept for the next run");
        assertEquals(1, items("ENTITLEMENTS_TABLE", USER));
        assertTrue(
                bed.spotify.link(AT_DEFAULT.partnerId(), bed.puid(AT_DEFAULT)).isPresent());

        AdminRun failedText = admin("--local", "erase-user", USER);
        assertTrue(failedText.out().contains("is NOT fully erased: run erase-user again"), failedText.out());

        bed.spotify.faults().clear();
        AdminRun rerun = admin("--local", "erase-user", USER);

        assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("unlinked at Spotify; deleted the link and the entitlements"), rerun.out());
        assertTrue(
                bed.spotify.link(AT_DEFAULT.partnerId(), bed.puid(AT_DEFAULT)).isEmpty());
        assertEquals(0, items("LINKS_TABLE", USER) + items("ENTITLEMENTS_TABLE", USER));
    }

    @Test
    void reconcileRunsOneFullPassWithAProgressBar() {
        bed.link(AT_DEFAULT, "listener-1", Set.of("show-a"));
        bed.link(AT_CREATOR, "listener-1", Set.of("creator-show"));
        bed.change(AT_CREATOR, Set.of("creator-show", "bonus"));

        AdminRun run = admin("--local", "reconcile");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("2/2 100%"), run.err());
        assertTrue(run.out().contains("Checked 2 linked membership(s): 1 sent, 1 unchanged"), run.out());
        assertEquals(Set.of("creator-show", "bonus"), bed.onSpotify(AT_CREATOR));

        AdminRun again = admin("--local", "reconcile", "--json");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        JsonNode report = json(again);
        assertEquals(2, report.path("checked").asInt());
        assertEquals(0, report.path("sent").asInt());
        assertTrue(report.path("passComplete").asBoolean());
        assertEquals("", again.err(), "no progress bar with --json");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("inspect-user", "resync-user", "erase-user", "redrive", "reconcile")) {
            AdminRun run = AdminRun.run(env, command, "--help");
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            assertTrue(run.out().contains("Usage: admin " + command), run.out());
            assertTrue(run.out().contains("--json"), run.out());
        }
    }

    private void pendingLinkState(String hash, String userId) {
        bed.dynamo.putItem(b -> b.tableName(bed.environment.get("LINK_STATES_TABLE"))
                .item(Map.of(
                        "stateHash", AttributeValue.fromS(hash),
                        "partnerUserId", AttributeValue.fromS(userId),
                        "partnerId", AttributeValue.fromS(EntitlementTestBed.PARTNER_ID),
                        "expiresAt",
                                AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 600)))));
    }

    private boolean stateExists(String hash) {
        return bed.dynamo
                .getItem(b -> b.tableName(bed.environment.get("LINK_STATES_TABLE"))
                        .key(Map.of("stateHash", AttributeValue.fromS(hash))))
                .hasItem();
    }

    private int items(String table, String userId) {
        return bed.dynamo
                .query(b -> b.tableName(bed.environment.get(table))
                        .keyConditionExpression("userId = :u")
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId))))
                .count();
    }
}
