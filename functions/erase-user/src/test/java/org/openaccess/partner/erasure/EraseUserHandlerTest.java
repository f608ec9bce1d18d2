package org.openaccess.partner.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.Fault;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.core.testing.EntitlementTestBedExtension;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The function the partner's systems invoke, with the repository's event files, against dynalite and the emulator. */
@Tag("integration")
class EraseUserHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Membership ADA = EntitlementTestBed.member("member-ada");
    private static final Membership ADA_AT_CREATOR = new Membership("member-ada", EntitlementTestBed.SECOND_PARTNER_ID);

    @RegisterExtension
    static final EntitlementTestBedExtension DEPLOYMENT = new EntitlementTestBedExtension(EraseUserHandler.REQUIRED);

    private EntitlementTestBed bed;
    private EraseUserHandler handler;

    @BeforeEach
    void deployment(EntitlementTestBed bed) {
        this.bed = bed;
        handler = new EraseUserHandler(bed.wiring);
    }

    private Map<String, Object> invoke(String eventFile) {
        try {
            Map<String, Object> request = JSON.readValue(
                    Files.readString(LambdaEvents.eventFile("erase-user/" + eventFile)), new TypeReference<>() {});
            return handler.handleRequest(request, TestContext.forFunction("erase-user", Duration.ofSeconds(60)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void erasesEveryMembershipAndASecondInvokeFindsNothing() {
        bed.link(ADA, "listener-1", Set.of("show-a"));
        bed.link(ADA_AT_CREATOR, "listener-1", Set.of("creator-show"));

        Map<String, Object> answer = invoke("erase-user.json");

        assertEquals(true, answer.get("complete"), answer.toString());
        List<?> partners = (List<?>) answer.get("partners");
        assertEquals(2, partners.size());
        for (Object partner : partners) {
            Map<?, ?> p = (Map<?, ?>) partner;
            assertEquals("UNLINKED", p.get("spotify"), answer.toString());
            assertEquals(true, p.get("linkDeleted"));
            assertEquals(true, p.get("entitlementsDeleted"));
        }
        assertTrue(bed.spotify.link(ADA.partnerId(), bed.puid(ADA)).isEmpty());
        assertTrue(bed.spotify
                .link(ADA_AT_CREATOR.partnerId(), bed.puid(ADA_AT_CREATOR))
                .isEmpty());
        assertTrue(bed.link(ADA).isEmpty());
        assertEquals(Set.of(), bed.inTable("member-ada"));

        Map<String, Object> again = invoke("erase-user.json");
        assertEquals(true, again.get("nothingFound"), again.toString());
        assertEquals(2, bed.spotify.calls("unlink-user").size(), "the second invoke calls nobody");
    }

    @Test
    void spotifyFailingKeepsTheLinkUntilTheNextInvoke() {
        bed.link(ADA, "listener-1", Set.of("show-a"));
        bed.spotify.faults().inject("unlink-user", Fault.status(500));

        Map<String, Object> failed = invoke("erase-user.json");

        assertEquals(false, failed.get("complete"), failed.toString());
        Map<?, ?> partner = (Map<?, ?>) ((List<?>) failed.get("partners")).getFirst();
        assertEquals("FAILED", partner.get("spotify"));
        assertTrue(((String) partner.get("spotifyDetail")).startsWith("HTTP 500"), failed.toString());
        assertTrue(bed.link(ADA).orElseThrow().isLinked());

        bed.spotify.faults().clear();
        Map<String, Object> finished = invoke("erase-user.json");

        assertEquals(true, finished.get("complete"), finished.toString());
        assertTrue(bed.link(ADA).isEmpty());
        assertTrue(bed.spotify.link(ADA.partnerId(), bed.puid(ADA)).isEmpty());
    }

    @Test
    void aRequestWithoutUserIdIsRefusedWithItsCode() {
        bed.link(ADA, "listener-1", Set.of("show-a"));

        Map<String, Object> answer = invoke("erase-user-missing-user.json");

        assertEquals("invalid_request", answer.get("error"), answer.toString());
        assertTrue(((String) answer.get("message")).startsWith("userId is required"));
        assertFalse(answer.containsKey("complete"));
        assertTrue(bed.link(ADA).orElseThrow().isLinked(), "nothing was touched");
        assertEquals(0, bed.spotify.calls("unlink-user").size());
    }

    /** SnapStart priming erases from in-memory tables only: the deployment's tables and Spotify never hear of it. */
    @Test
    void primingTouchesNeitherSpotifyNorTheTables() {
        bed.link(ADA, "listener-1", Set.of("show-a"));

        new EraseUserPriming(bed.wiring).beforeCheckpoint(null);

        assertEquals(List.of(), bed.spotify.calls());
        assertTrue(bed.link(ADA).orElseThrow().isLinked(), "ada's link is where it was");
        assertFalse(bed.wiring.randomnessDrawn(), "no random state a snapshot would copy");

        Map<String, Object> answer = invoke("erase-user.json");
        assertEquals(true, answer.get("complete"), "the function still erases for real after priming: " + answer);
    }
}
