package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.core.testing.EntitlementTestBedExtension;
import org.openaccess.partner.testkit.EmfDocuments;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;

/** The reconciler's metrics as the deployed handler prints them: one run's summary, flushed at its end. */
@org.junit.jupiter.api.Tag("integration")
class ReconcileMetricsTest {
    @RegisterExtension
    static final EntitlementTestBedExtension DEPLOYMENT = new EntitlementTestBedExtension(ReconcileHandler.REQUIRED);

    private static List<JsonNode> printedByOneRun(EntitlementTestBed bed, AtomicReference<ReconcileReport> report) {
        return EmfDocuments.printedBy(() -> report.set(new ReconcileHandler(bed.wiring)
                .handleRequest(
                        LambdaEvents.scheduledEvent("reconcile/scheduled.json"),
                        TestContext.forFunction("reconcile", Duration.ofMinutes(5)))));
    }

    @Test
    void driftRepairedIsCountedRunByRunUntilThereIsNone(EntitlementTestBed bed) {
        for (int i = 0; i < 4; i++) {
            bed.link("member-" + i, "listener-" + i, Set.of("basic"));
        }
        bed.change("member-0", Set.of("premium"));
        bed.change("member-1", Set.of());
        bed.wiring.links().recordUnlinked(EntitlementTestBed.member("member-3"), Instant.now());
        AtomicReference<ReconcileReport> report = new AtomicReference<>();

        List<JsonNode> first = printedByOneRun(bed, report);

        assertEquals(3, report.get().checked());
        assertEquals(3, EmfDocuments.sum(first, "ReconcileUsersChecked", Map.of()));
        assertEquals(2, EmfDocuments.sum(first, "ReconcileUsersRepaired", Map.of()), "member-0 and member-1 drifted");
        assertEquals(0, EmfDocuments.sum(first, "ReconcileUsersFailed", Map.of()));
        assertEquals(
                2,
                EmfDocuments.sum(first, "SpotifyCalls", Map.of("Endpoint", "replace-entitlements", "Outcome", "ok")));

        List<JsonNode> second = printedByOneRun(bed, report);

        assertEquals(3, EmfDocuments.sum(second, "ReconcileUsersChecked", Map.of()));
        assertEquals(
                0, EmfDocuments.sum(second, "ReconcileUsersRepaired", Map.of()), "no drift left: the alarm clears");
        assertEquals(
                1,
                EmfDocuments.metricsOf(second).stream()
                        .filter(m -> m.name().equals("ReconcileUsersRepaired"))
                        .count(),
                "a run without drift still reports 0, so the alarm sees a datapoint");
    }
}
