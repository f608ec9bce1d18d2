package org.openaccess.partner.reconcile.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.reconcile.ReconcileReport;
import org.openaccess.partner.reconcile.Reconciler;
import org.openaccess.partner.testkit.InMemoryDynamoDbWire;

/**
 * The time of one reconcile pass over N linked (user, partner) pairs, through the deployed {@code Reconciler.of}
 * (real SDK client, {@link InMemoryDynamoDbWire} under it; the Spotify emulator in-process, answering every Open
 * Access call after a fixed latency). The steady state of a deployment: the pass verifies 1/96 of the links (the
 * schedule's 15 minutes of a day), and 1 in 1,000 pairs drifted (their set changed without a push). Prints one
 * line per pass and the model for 1,000,000 pairs. Not a test: run it with the command in
 * docs/reconcile-benchmark.md.
 *
 * <p>Arguments: [pairs (100000)] [Spotify latency ms (100)] [passes (4)].
 */
public final class ReconcilePassBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINKS = "links";
    private static final String ENTITLEMENTS = "entitlements";
    private static final String STATE = "reconcile-state";
    static final int DRIFT_EVERY = 1_000;

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        InMemoryDynamoDbWire wire = new InMemoryDynamoDbWire()
                .table(LINKS, "userId", "partnerId")
                .table(ENTITLEMENTS, "userId", "partnerId")
                .table(STATE, "name");
        SpotifyEmulator spotify = SpotifyEmulator.start(EntitlementTestBed.platformConfig(), 0);
        try {
            CoreWiring wiring = wiring(wire, spotify);
            Instant now = Instant.now();
            for (int i = 0; i < pairs; i++) {
                Membership member = EntitlementTestBed.member("member-%07d".formatted(i));
                String puid = wiring.partnerUserIds().derive(member);
                spotify.addLink(member.partnerId(), puid, "listener-" + i, java.util.Set.of("basic"));
                wire.put(LINKS, link(member, puid, now));
                wire.put(ENTITLEMENTS, entitlements(member, "basic"));
            }
            spotify.faults().inject("get-entitlements", Fault.latency(latency));
            spotify.faults().inject("replace-entitlements", Fault.latency(latency));
            Reconciler reconciler = Reconciler.of(wiring, STATE, Duration.ofSeconds(20));
            System.out.printf(
                    "pairs %,d, Spotify latency %d ms, %s, %d cores, JDK %s%n",
                    pairs,
                    latency.toMillis(),
                    reconciler.parallelism(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int pass = 1; pass <= passes; pass++) {
                drift(wire, pairs, pass % 2 == 1 ? "premium" : "basic");
                lastPassEndedAQuarterHourAgo(wire);
                wire.resetCalls();
                int spotifyBefore = spotify.calls().size();
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                ReconcileReport report = reconciler.run(Duration.ofMinutes(15), JsonLog.discarding());
                double seconds = (System.nanoTime() - start) / 1e9;
                double processCpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
                double wireCpu = wire.cpuNanos() / 1e9;
                // The function's CPU: the process's, less the in-memory DynamoDB's (the emulator's stays in).
                double cpuSeconds = processCpu - wireCpu;
                int spotifyCalls = spotify.calls().size() - spotifyBefore;
                System.out.printf(
                        "pass %d: %.2f s wall, %.2f s CPU (process %.2f s less in-memory DynamoDB %.2f s; %.1f µs per"
                                + " pair), %,.0f pairs/s; DynamoDB %s; Spotify calls %d; %s%n",
                        pass,
                        seconds,
                        cpuSeconds,
                        processCpu,
                        wireCpu,
                        cpuSeconds * 1e6 / pairs,
                        pairs / seconds,
                        wire.calls(),
                        spotifyCalls,
                        report);
                if (pass == passes) {
                    model(pairs, cpuSeconds, wire.calls(), spotifyCalls, latency, reconciler.parallelism());
                }
            }
        } finally {
            spotify.close();
        }
    }

    /**
     * 1,000,000 pairs on Lambda: CPU scaled from this run and divided by the function's share of a vCPU (1 vCPU
     * at 1,769 MB), DynamoDB's own time per call assumed (not measured here), Spotify's latency per call in
     * series per worker.
     */
    private static void model(
            int pairs,
            double cpuSeconds,
            Map<String, Long> calls,
            int spotifyCalls,
            Duration latency,
            Reconciler.Parallelism parallelism) {
        double scale = 1_000_000.0 / pairs;
        double scanMs = 12;
        double batchMs = 12;
        double writeMs = 6;
        double pages = calls.getOrDefault("Scan", 0L) * scale;
        double batches = calls.getOrDefault("BatchGetItem", 0L) * scale;
        double others = (calls.values().stream().mapToLong(Long::longValue).sum()
                        - calls.getOrDefault("Scan", 0L)
                        - calls.getOrDefault("BatchGetItem", 0L))
                * scale;
        double dynamoWait = (pages * scanMs + batches * batchMs + others * writeMs) / 1000 / parallelism.workers();
        double spotifyWait = spotifyCalls * scale * latency.toMillis() / 1000 / parallelism.workers();
        System.out.printf(
                "model for 1,000,000 pairs: CPU %.0f s on this machine's core; waits per worker: DynamoDB %.0f s"
                        + " (%.0f Scan, %.0f BatchGetItem, %.0f other calls; assumed %.0f/%.0f/%.0f ms),"
                        + " Spotify %.0f s (%.0f calls x %d ms)%n",
                cpuSeconds * scale,
                dynamoWait,
                pages,
                batches,
                others,
                scanMs,
                batchMs,
                writeMs,
                spotifyWait,
                spotifyCalls * scale,
                latency.toMillis());
        for (int memory : new int[] {384, 1024, 1769}) {
            double vcpu = Math.min(memory / 1769.0, 1.0);
            double cpuBound = cpuSeconds * scale / vcpu;
            System.out.printf(
                    "  at %d MB (%.2f vCPU): CPU-bound %.0f s; pass between %.0f s (CPU and waits overlapped) and %.0f s"
                            + " (in series)%n",
                    memory,
                    vcpu,
                    cpuBound,
                    Math.max(cpuBound, dynamoWait + spotifyWait),
                    cpuBound + dynamoWait + spotifyWait);
        }
    }

    private static CoreWiring wiring(InMemoryDynamoDbWire wire, SpotifyEmulator spotify) {
        Map<String, String> env = new HashMap<>(EntitlementTestBed.spotifyEnvironment(spotify));
        env.put("LINKS_TABLE", LINKS);
        env.put("ENTITLEMENTS_TABLE", ENTITLEMENTS);
        env.put("RECONCILE_STATE_TABLE", STATE);
        return CoreWiring.from(
                Settings.from(env, org.openaccess.partner.reconcile.ReconcileHandler.REQUIRED),
                env,
                wire.client(),
                Optional.empty(),
                Clock.systemUTC());
    }

    /** A link as the callback records it: LINKED, {basic} sent. */
    private static ObjectNode link(Membership member, String puid, Instant at) {
        ObjectNode item = key(member);
        item.putObject("partnerUserId").put("S", puid);
        item.putObject("status").put("S", "LINKED");
        item.putObject("linkedAt").put("N", Long.toString(at.toEpochMilli()));
        item.putObject("sentEntitlements").putArray("L").addObject().put("S", "basic");
        item.putObject("sentReadAt").put("N", Long.toString(at.toEpochMilli()));
        item.putObject("sentAt").put("N", Long.toString(at.toEpochMilli()));
        return item;
    }

    private static ObjectNode entitlements(Membership member, String entitlement) {
        ObjectNode item = key(member);
        item.putObject("entitlements").putArray("SS").add(entitlement);
        return item;
    }

    private static ObjectNode key(Membership member) {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("userId").put("S", member.userId());
        item.putObject("partnerId").put("S", member.partnerId());
        return item;
    }

    /** 1 in {@value #DRIFT_EVERY} memberships changed without a push (alternately to premium and back). */
    private static void drift(InMemoryDynamoDbWire wire, int pairs, String to) {
        for (int i = 0; i < pairs; i += DRIFT_EVERY) {
            wire.put(ENTITLEMENTS, entitlements(EntitlementTestBed.member("member-%07d".formatted(i)), to));
        }
    }

    /** A deployment on the default schedule: the last pass ended 15 minutes ago, so this one verifies 1/96. */
    private static void lastPassEndedAQuarterHourAgo(InMemoryDynamoDbWire wire) {
        long now = System.currentTimeMillis();
        ObjectNode state = JSON.createObjectNode();
        state.putObject("name").put("S", "links-pass");
        state.putObject("passOpen").put("BOOL", false);
        state.putObject("verifyFrom")
                .put("N", Long.toString(now - Duration.ofMinutes(30).toMillis()));
        state.putObject("verifyTo")
                .put("N", Long.toString(now - Duration.ofMinutes(15).toMillis()));
        wire.put(STATE, state);
    }
}
