package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.Fault;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.PartnerStatus;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.storage.StorageUnavailableException;

@Tag("integration")
class CreatePartnerTest {
    private static final PartnerSlug LUNAR = PartnerSlug.parse("lunar-radio");

    @RegisterExtension
    static final LocalFixture local = new LocalFixture();

    @Test
    void createsThePartnerOnSpotifyAndRecordsIt() {
        AdminRun run = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String partnerId = LocalFixture.printedPartnerId(run);
        assertTrue(run.out().contains("Entrypoint URL: https://partners.example.test/link/lunar-radio"), run.out());
        RegisteredPartner recorded = local.registry.find(LUNAR).orElseThrow();
        assertEquals(PartnerStatus.ACTIVE, recorded.status());
        assertEquals(Optional.of(partnerId), recorded.partnerId());
        assertEquals("Lunar Radio", recorded.name());
        JsonNode onSpotify = local.spotifyPartner(partnerId).orElseThrow();
        assertEquals("Lunar Radio", onSpotify.path("name").asText());
        assertEquals(
                "https://partners.example.test/link/lunar-radio",
                onSpotify.path("entrypointUrl").asText());
        assertEquals(1, local.calls("create-partner"));
    }

    @Test
    void theTargetMayAlsoFollowTheCommandsName() {
        AdminRun run = local.admin("create-partner", "--local", "--name", "Lunar Radio", "--slug", "lunar-radio");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(local.registry.find(LUNAR).orElseThrow().isActive());
    }

    @Test
    void aTakenSlugIsRefusedBeforeAnyCall() {
        assertEquals(
                ExitCodes.OK,
                local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio")
                        .exitCode());
        String firstId = local.registry.find(LUNAR).orElseThrow().partnerId().orElseThrow();

        AdminRun again = local.admin("--local", "create-partner", "--name", "Other Show", "--slug", "lunar-radio");

        assertEquals(ExitCodes.CONFLICT, again.exitCode(), again.toString());
        assertTrue(
                again.err().startsWith("admin: The slug 'lunar-radio' is taken: partner " + firstId + " 'Lunar Radio'"),
                again.err());
        assertEquals(1, local.calls("create-partner"), "Spotify was called once, by the first run only");
        assertEquals(
                Optional.of(firstId), local.registry.find(LUNAR).orElseThrow().partnerId());
    }

    @Test
    void aMalformedSlugIsRefusedBeforeAnyCall() {
        AdminRun run = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "Lunar_Radio");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: The slug 'Lunar_Radio' has 'L' at position 1; only a-z, 0-9 and '-' are allowed"
                        + " (use lowercase letters)\n",
                run.err());
        assertTrue(local.spotify.calls().isEmpty(), "no call to Spotify at all");
        assertEquals(0, local.registry.list(Optional.empty(), 10).partners().size());
    }

    @Test
    void anEmptyNameIsRefusedBeforeAnyCall() {
        AdminRun run = local.admin("--local", "create-partner", "--name", "  ", "--slug", "lunar-radio");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals("admin: The name is empty; give the partner's name as listeners see it\n", run.err());
        assertTrue(local.spotify.calls().isEmpty());
    }

    @Test
    void aRefusalBySpotifyClearsTheIntentSoACorrectedRunWorks() {
        // Spotify (and the emulator) refuse an http Entrypoint URL with a 400.
        local.env.put("PUBLIC_BASE_URL", "http://partners.example.test");
        AdminRun refused = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");

        assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err()
                        .startsWith("admin: Spotify refused create-partner (HTTP 400). Nothing was created;"
                                + " 'lunar-radio' is free again. Spotify accepts only https Entrypoint URLs"),
                refused.err());
        assertEquals(Optional.empty(), local.registry.find(LUNAR), "the intent is cleared");
        assertEquals(1, local.spotifyPartnerCount(), "only the emulator's configured partner");

        local.env.put("PUBLIC_BASE_URL", LocalFixture.PUBLIC_BASE);
        AdminRun corrected = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");
        assertEquals(ExitCodes.OK, corrected.exitCode(), corrected.toString());
        assertTrue(local.registry.find(LUNAR).orElseThrow().isActive());
    }

    @Test
    void anUnknownOutcomeKeepsTheIntentAndARerunDoesNotCallSpotifyAgain() {
        local.spotify.faults().inject("create-partner", Fault.status(503).times(1));
        AdminRun failed = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");

        assertEquals(ExitCodes.FAILED, failed.exitCode(), failed.toString());
        assertTrue(
                failed.err().startsWith("admin: Spotify's answer to create-partner is unknown (HTTP 503)"),
                failed.err());
        assertTrue(
                failed.err().contains("./admin --local create-partner --slug lunar-radio --name 'Lunar Radio' --retry"),
                failed.err());
        assertEquals(
                PartnerStatus.CREATING, local.registry.find(LUNAR).orElseThrow().status());
        assertEquals(1, local.calls("create-partner"));

        AdminRun rerun = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");

        assertEquals(ExitCodes.CONFLICT, rerun.exitCode(), rerun.toString());
        assertTrue(
                rerun.err().startsWith("admin: An earlier create-partner for 'lunar-radio' did not finish"),
                rerun.err());
        assertEquals(1, local.calls("create-partner"), "the re-run did not call create-partner");
        assertEquals(
                PartnerStatus.CREATING, local.registry.find(LUNAR).orElseThrow().status());

        AdminRun retried =
                local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio", "--retry");

        assertEquals(ExitCodes.OK, retried.exitCode(), retried.toString());
        assertEquals(2, local.calls("create-partner"));
        assertEquals(
                Optional.of(LocalFixture.printedPartnerId(retried)),
                local.registry.find(LUNAR).orElseThrow().partnerId());
    }

    @Test
    void aCrashBetweenSpotifysAnswerAndTheRegistryWriteIsFinishedByAdoptingThePrintedId() {
        Targets crashing =
                (choice, env) -> registryCrashingAfterSpotify(Targets.real().open(choice, env));
        AdminRun crashed = AdminRun.run(
                local.env, crashing, "--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");

        assertEquals(ExitCodes.FAILED, crashed.exitCode(), crashed.toString());
        String partnerId = LocalFixture.printedPartnerId(crashed);
        assertTrue(crashed.err().contains("--adopt " + partnerId), crashed.err());
        assertTrue(local.spotifyPartner(partnerId).isPresent(), "Spotify made the partner");
        assertEquals(
                PartnerStatus.CREATING, local.registry.find(LUNAR).orElseThrow().status());

        AdminRun rerun = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");
        assertEquals(ExitCodes.CONFLICT, rerun.exitCode(), rerun.toString());
        assertEquals(1, local.calls("create-partner"), "no second partner on Spotify");

        AdminRun adopted = local.admin(
                "--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio", "--adopt", partnerId);

        assertEquals(ExitCodes.OK, adopted.exitCode(), adopted.toString());
        assertTrue(
                adopted.out().startsWith("Recorded partner " + partnerId + " for 'lunar-radio' (ACTIVE)"),
                adopted.out());
        assertEquals(
                Optional.of(partnerId), local.registry.find(LUNAR).orElseThrow().partnerId());
        assertEquals(1, local.calls("create-partner"));
        assertEquals(2, local.spotifyPartnerCount(), "the configured partner and this one");
    }

    @Test
    void retryOrAdoptWithoutAnUnfinishedRunIsRefused() {
        AdminRun run =
                local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio", "--retry");
        assertEquals(ExitCodes.CONFLICT, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("admin: Nothing to retry: no unfinished create-partner for 'lunar-radio'"));
        assertTrue(local.spotify.calls().isEmpty());
    }

    @Test
    void withoutATargetTheOperatorIsToldToChooseOne() {
        AdminRun run = local.admin("create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: Say which deployment: --local (the stack ./run-local runs) or --stack NAME (a deployed stack)\n",
                run.err());
        assertTrue(local.spotify.calls().isEmpty());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"create-partner", "upload-logo", "list-partners"}) {
            AdminRun help = local.admin(command, "--help");
            assertEquals(ExitCodes.OK, help.exitCode(), help.toString());
            assertTrue(help.out().startsWith("Usage: admin " + command), help.out());
        }
        AdminRun top = local.admin("--help");
        assertEquals(ExitCodes.OK, top.exitCode());
        assertTrue(top.out().contains("create-partner") && top.out().contains("Exit codes:"), top.out());
        assertEquals(ExitCodes.USAGE, local.admin("no-such-command").exitCode());
    }

    /** The deployment, with a registry that fails like a process killed right after Spotify answered. */
    private static Target registryCrashingAfterSpotify(Target real) {
        PartnerRegistry registry =
                withOneMethodReplaced(PartnerRegistry.class, real.registry(), "recordCreated", () -> {
                    throw new StorageUnavailableException("DynamoDB UpdateItem on partners could not be reached", null);
                });
        return withOneMethodReplaced(Target.class, real, "registry", () -> registry);
    }

    /** {@code real}, but for {@code method}, which answers (or throws) what {@code answer} gives. */
    private static <T> T withOneMethodReplaced(Class<T> type, T real, String method, Supplier<Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer.get();
            }
            try {
                return called.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
