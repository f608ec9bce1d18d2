package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.partners.PartnerSlug;

@Tag("integration")
class ListPartnersTest {
    @RegisterExtension
    static final LocalFixture local = new LocalFixture();

    @Test
    void anEmptyRegistrySaysSo() {
        AdminRun run = local.admin("--local", "list-partners");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("No partners yet: add one with create-partner.\n", run.out());
        assertEquals("[ ]\n", local.admin("--local", "list-partners", "--json").out());
    }

    @Test
    void listsEveryPartnerBySlugAsATableOrJson() throws IOException {
        assertEquals(
                ExitCodes.OK,
                local.admin("--local", "create-partner", "--name", "Solar Stories", "--slug", "solar-stories")
                        .exitCode());
        assertEquals(
                ExitCodes.OK,
                local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio")
                        .exitCode());
        // An unfinished one shows as CREATING, without a partner id.
        local.registry.recordIntent(
                PartnerSlug.parse("comet-club"),
                "Comet Club",
                URI.create(LocalFixture.PUBLIC_BASE + "/link/comet-club"));
        String lunarId = local.registry
                .find(PartnerSlug.parse("lunar-radio"))
                .orElseThrow()
                .partnerId()
                .orElseThrow();

        AdminRun table = local.admin("--local", "list-partners");

        assertEquals(ExitCodes.OK, table.exitCode(), table.toString());
        String[] lines = table.out().split("\n");
        assertEquals(4, lines.length, table.out());
        assertTrue(lines[0].matches("SLUG +PARTNER ID +STATUS +NAME +LOGO +CREATED +ENTRYPOINT URL"), lines[0]);
        assertTrue(
                lines[1].matches(
                        "comet-club +- +CREATING +Comet Club +- +\\S+ +https://partners.example.test/link/comet-club"),
                lines[1]);
        assertTrue(
                lines[2].matches("lunar-radio +" + lunarId
                        + " +ACTIVE +Lunar Radio +- +\\S+ +https://partners.example.test/link/lunar-radio"),
                lines[2]);
        assertTrue(lines[3].startsWith("solar-stories "), lines[3]);

        AdminRun json = local.admin("--local", "list-partners", "--json");

        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        JsonNode partners = new ObjectMapper().readTree(json.out());
        assertEquals(3, partners.size());
        JsonNode lunar = partners.get(1);
        assertEquals("lunar-radio", lunar.path("slug").asText());
        assertEquals(lunarId, lunar.path("partnerId").asText());
        assertEquals("ACTIVE", lunar.path("status").asText());
        assertEquals("Lunar Radio", lunar.path("name").asText());
        assertEquals(
                "https://partners.example.test/link/lunar-radio",
                lunar.path("entrypointUrl").asText());
        assertTrue(lunar.path("logo").isNull());
        assertTrue(partners.get(0).path("partnerId").isNull());
    }
}
