package org.openaccess.partner.core.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Tag("integration")
class DynamoPartnerRegistryTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final PartnerSlug LUNAR = PartnerSlug.parse("lunar-radio");
    private static final URI LUNAR_ENTRYPOINT = URI.create("https://partner.example/link/lunar-radio");
    private static final String PARTNER_ID = "LunarRadioPartner00001";

    private DynamoDbClient dynamo;
    private String table;
    private MovingClock clock;
    private DynamoPartnerRegistry registry;

    @BeforeEach
    void freshTable() {
        dynamo = Dynalite.shared().client();
        table = TemplateTables.fromRepository()
                .createAll(dynamo, UUID.randomUUID().toString().substring(0, 8))
                .get("PartnersTable");
        clock = new MovingClock(START);
        registry = new DynamoPartnerRegistry(dynamo, table, clock);
    }

    private Map<String, AttributeValue> item(String slug) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of("slug", AttributeValue.fromS(slug))))
                .item();
    }

    @Test
    void anIntentIsCreatingWithoutAPartnerId() {
        assertTrue(registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT));
        RegisteredPartner partner = registry.find(LUNAR).orElseThrow();
        assertEquals(PartnerStatus.CREATING, partner.status());
        assertEquals("Lunar Radio", partner.name());
        assertEquals(LUNAR_ENTRYPOINT, partner.entrypointUrl());
        assertEquals(Optional.empty(), partner.partnerId());
        assertEquals(START, partner.createdAt());
        assertEquals("CREATING", item("lunar-radio").get("status").s());
    }

    @Test
    void aTakenSlugIsRefusedWhateverItsStatus() {
        assertTrue(registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT));
        assertFalse(registry.recordIntent(LUNAR, "Someone Else", URI.create("https://other.example/link/lunar-radio")));
        assertTrue(registry.recordCreated(LUNAR, PARTNER_ID));
        assertFalse(registry.recordIntent(LUNAR, "Someone Else", LUNAR_ENTRYPOINT));
        assertEquals("Lunar Radio", registry.find(LUNAR).orElseThrow().name());
    }

    @Test
    void recordingThePartnerIdMakesItActiveAndFindableByIt() {
        registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT);
        clock.advance(Duration.ofSeconds(2));
        assertTrue(registry.recordCreated(LUNAR, PARTNER_ID));
        RegisteredPartner partner = registry.find(LUNAR).orElseThrow();
        assertTrue(partner.isActive());
        assertEquals(Optional.of(PARTNER_ID), partner.partnerId());
        assertEquals(Optional.of(START.plusSeconds(2)), partner.activatedAt());
        assertEquals(Optional.of(partner), registry.findByPartnerId(PARTNER_ID));
        assertEquals(Optional.empty(), registry.findByPartnerId("SomeOtherPartner000001"));
    }

    @Test
    void aPartnerIdIsRecordedOnceAndOnlyForAnIntent() {
        assertFalse(registry.recordCreated(LUNAR, PARTNER_ID), "no intent");
        assertEquals(Optional.empty(), registry.find(LUNAR));
        registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT);
        assertTrue(registry.recordCreated(LUNAR, PARTNER_ID));
        assertFalse(registry.recordCreated(LUNAR, "SecondPartnerId0000001"), "already active");
        assertEquals(Optional.of(PARTNER_ID), registry.find(LUNAR).orElseThrow().partnerId());
    }

    @Test
    void anIntentCanBeClearedButAnActivePartnerCannot() {
        registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT);
        assertTrue(registry.clearIntent(LUNAR));
        assertEquals(Optional.empty(), registry.find(LUNAR));
        assertTrue(registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT), "the slug is free again");
        registry.recordCreated(LUNAR, PARTNER_ID);
        assertFalse(registry.clearIntent(LUNAR));
        assertTrue(registry.find(LUNAR).orElseThrow().isActive());
    }

    @Test
    void aLogoIsRecordedForAnActivePartnerOnly() {
        PartnerLogo logo = new PartnerLogo("image/png", 48_213, START.plusSeconds(30));
        registry.recordIntent(LUNAR, "Lunar Radio", LUNAR_ENTRYPOINT);
        assertFalse(registry.recordLogo(LUNAR, logo));
        assertEquals(Optional.empty(), registry.find(LUNAR).orElseThrow().logo());
        registry.recordCreated(LUNAR, PARTNER_ID);
        assertTrue(registry.recordLogo(LUNAR, logo));
        assertEquals(Optional.of(logo), registry.find(LUNAR).orElseThrow().logo());
        assertEquals("48213", item("lunar-radio").get("logoBytes").n());
        assertFalse(registry.recordLogo(PartnerSlug.parse("nobody"), logo));
        assertEquals(Optional.empty(), registry.find(PartnerSlug.parse("nobody")));
    }

    @Test
    void listsEveryPartnerPageByPage() {
        List<String> slugs = List.of("alpha", "bravo", "charlie", "delta", "echo");
        for (String slug : slugs) {
            registry.recordIntent(PartnerSlug.parse(slug), slug, URI.create("https://partner.example/link/" + slug));
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            PartnerRegistry.Page page = registry.list(cursor, 2);
            page.partners().forEach(p -> seen.add(p.slug().value()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertEquals(new TreeSet<>(slugs), new TreeSet<>(seen));
        assertEquals(slugs.size(), seen.size());
        assertTrue(pages >= 3, "pages of two: " + pages);
    }

    @Test
    void aForeignCursorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> registry.list(Optional.of("!!not-base64!!"), 10));
        assertThrows(IllegalArgumentException.class, () -> registry.list(Optional.of("QQ"), 10));
    }
}
