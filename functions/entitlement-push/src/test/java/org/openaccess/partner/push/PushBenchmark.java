package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.InMemoryDynamoDbWire;
import org.openaccess.partner.testkit.RepoRoot;
import org.openaccess.partner.testkit.TestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Not a test: the push's throughput, written to {@code docs/entitlements-benchmark.md}.
 * Run: {@code ./mvnw -B -pl functions/entitlement-push -am -Ppush-benchmark test-compile} (see the
 * module's pom; the emulator and dynalite start in-process, dynalite from the repository's node_modules).
 *
 * <p>Part A: the deployed handler with the stores' DynamoDB wire in memory ({@link InMemoryDynamoDbWire}) and the
 * Spotify emulator adding a latency to every replace-entitlements call; every linked membership changes once, the
 * records go to the handler in stream batches one after another, as Lambda delivers one shard's batches (several
 * at once with a ParallelizationFactor above 1). Part B: 120 changed users against dynalite, with and without
 * 100 ms at Spotify, as the local stack runs the push.
 */
public final class PushBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PushBenchmark.class);
    private static final String PARTNER = EmulatorConfig.LOCAL_PARTNER_ID;
    private static final List<Set<String>> SETS =
            List.of(Set.of("basic"), Set.of("premium"), Set.of("basic", "premium"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PushBenchmark() {}

    /** One measured run: how many memberships, how fast, how many calls and 429s. */
    record Run(
            String name,
            int pairs,
            int batchSize,
            int bound,
            int parallelization,
            long latencyMs,
            int rateLimit,
            double seconds,
            long calls,
            long rejected,
            int batchFailures,
            long inSync,
            double cpuSeconds) {
        double pairsPerSecond() {
            return pairs / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path report = args.length > 0 ? Path.of(args[0]) : RepoRoot.path().resolve("docs/entitlements-benchmark.md");
        List<Run> inMemory = new ArrayList<>();
        try (SpotifyEmulator spotify = SpotifyEmulator.start(EmulatorConfig.defaults(), 0)) {
            InMemoryBed bed = new InMemoryBed(spotify, 4_000);
            // Warm containers, as Lambda keeps them between batches: the JIT, and each container's call window.
            bed.run("warm-up (not reported)", 4_000, 500, 64, 2, 0, 0);
            bed.run("warm-up (not reported)", 4_000, 500, 128, 1, 0, 0);
            inMemory.add(bed.run("one at a time (before)", 100, 100, 1, 1, 100, 0));
            for (int bound : List.of(64, 128)) {
                inMemory.add(bed.run("50 ms, bound " + bound, 4_000, 500, bound, 1, 50, 0));
                inMemory.add(bed.run("100 ms, bound " + bound, 4_000, 500, bound, 1, 100, 0));
            }
            inMemory.add(bed.run("100 ms, BatchSize 100", 4_000, 100, 128, 1, 100, 0));
            inMemory.add(bed.run("100 ms, ParallelizationFactor 2", 4_000, 500, 64, 2, 100, 0));
            // A rate limit meets fresh containers: the window starts small, whatever the bound.
            for (int bound : List.of(16, 64, 128)) {
                inMemory.add(bed.run(
                        "100 ms, rate limit 300/s, fresh container, bound " + bound, 3_000, 500, bound, 1, 100, 300));
            }
        }
        List<Run> dynalite = new ArrayList<>();
        try (SpotifyEmulator spotify = SpotifyEmulator.start(EmulatorConfig.defaults(), 0)) {
            DynaliteBed bed = new DynaliteBed(spotify, 120);
            bed.run("warm-up (not reported)", 64, 0);
            dynalite.add(bed.run("instant Spotify", 64, 0));
            dynalite.add(bed.run("100 ms", 64, 100));
            dynalite.add(bed.run("instant Spotify, one at a time (before)", 1, 0));
            dynalite.add(bed.run("100 ms, one at a time (before)", 1, 100));
        }
        write(report, inMemory, dynalite);
    }

    /** The handler over the in-memory wire. */
    private static final class InMemoryBed {
        private final SpotifyEmulator spotify;
        private final InMemoryDynamoDbWire wire = new InMemoryDynamoDbWire()
                .table("links", "userId", "partnerId")
                .table("entitlements", "userId", "partnerId");
        private final DynamoDbClient dynamo = wire.client();
        private final CoreWiring wiring;
        private final List<Membership> members;
        private final Map<Membership, Set<String>> current = new HashMap<>();
        private final Map<String, EntitlementPushHandler> containers = new HashMap<>();

        InMemoryBed(SpotifyEmulator spotify, int users) {
            this.spotify = spotify;
            Map<String, String> env = environment(spotify, "links", "entitlements");
            this.wiring = CoreWiring.from(
                    Settings.from(env, EntitlementPushHandler.REQUIRED),
                    env,
                    dynamo,
                    Optional.empty(),
                    Clock.systemUTC());
            this.members = IntStream.range(0, users)
                    .mapToObj(i -> new Membership("member-%05d".formatted(i), PARTNER))
                    .toList();
            Instant now = Instant.now();
            for (Membership member : members) {
                String puid = wiring.partnerUserIds().derive(member);
                spotify.addLink(PARTNER, puid, "listener-" + member.userId(), SETS.getFirst());
                write(member, SETS.getFirst());
                wiring.links().recordLinked(member, puid, new SentEntitlements(SETS.getFirst(), now, now));
            }
        }

        private void write(Membership member, Set<String> set) {
            dynamo.putItem(b -> b.tableName("entitlements")
                    .item(Map.of(
                            "userId",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(member.userId()),
                            "partnerId",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(member.partnerId()),
                            "entitlements",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.copyOf(set)))));
            current.put(member, set);
        }

        /** The same handlers (containers) for every run with this bound: the first, second... handler asked for. */
        private java.util.function.Supplier<EntitlementPushHandler> warmContainers(int bound) {
            AtomicLong asked = new AtomicLong();
            return () -> containers.computeIfAbsent(
                    bound + "/" + asked.getAndIncrement(), key -> new EntitlementPushHandler(wiring, bound));
        }

        Run run(String name, int pairs, int batchSize, int bound, int parallelization, long latencyMs, int rateLimit)
                throws Exception {
            List<Membership> changed = members.subList(0, pairs);
            // Every membership gets a set other than its current one: each is a real change (one call).
            changed.forEach(member -> write(member, SETS.get((SETS.indexOf(current.get(member)) + 1) % SETS.size())));
            spotify.faults().clear();
            if (latencyMs > 0) {
                spotify.faults().inject("replace-entitlements", Fault.latency(Duration.ofMillis(latencyMs)));
            }
            if (rateLimit > 0) {
                spotify.faults().limitRate("replace-entitlements", rateLimit);
            }
            Run run = measure(
                    name,
                    changed,
                    batchSize,
                    bound,
                    parallelization,
                    latencyMs,
                    rateLimit,
                    spotify,
                    rateLimit > 0 ? () -> new EntitlementPushHandler(wiring, bound) : warmContainers(bound),
                    member -> spotify.entitlements(
                                    PARTNER, wiring.partnerUserIds().derive(member))
                            .equals(current.get(member)));
            spotify.faults().clear();
            return run;
        }
    }

    /** The handler against dynalite, with EntitlementTestBed's tables. */
    private static final class DynaliteBed {
        private final EntitlementTestBed bed;
        private final List<Membership> members;
        private int round;

        DynaliteBed(SpotifyEmulator spotify, int users) {
            this.bed = new EntitlementTestBed(spotify, EntitlementPushHandler.REQUIRED);
            this.members = IntStream.range(0, users)
                    .mapToObj(i -> EntitlementTestBed.member("member-%05d".formatted(i)))
                    .toList();
            members.forEach(m -> bed.link(m, "listener-" + m.userId(), SETS.getFirst()));
        }

        Run run(String name, int bound, long latencyMs) throws Exception {
            Set<String> next = SETS.get(++round % SETS.size());
            members.forEach(member -> bed.change(member, next));
            bed.spotify.faults().clear();
            if (latencyMs > 0) {
                bed.spotify.faults().inject("replace-entitlements", Fault.latency(Duration.ofMillis(latencyMs)));
            }
            Run run = measure(
                    name,
                    members,
                    members.size(),
                    bound,
                    1,
                    latencyMs,
                    0,
                    bed.spotify,
                    () -> new EntitlementPushHandler(bed.wiring, bound),
                    member -> bed.onSpotify(member).equals(next));
            bed.spotify.faults().clear();
            return run;
        }
    }

    /**
     * Pushes one record per changed membership, in batches; with a parallelization factor P, P handlers (P
     * containers) each take every P-th batch at the same time, as Lambda's concurrent batches of one shard do.
     */
    private static Run measure(
            String name,
            List<Membership> changed,
            int batchSize,
            int bound,
            int parallelization,
            long latencyMs,
            int rateLimit,
            SpotifyEmulator spotify,
            java.util.function.Supplier<EntitlementPushHandler> handlers,
            Function<Membership, Boolean> inSync)
            throws Exception {
        List<DynamodbEvent> batches = new ArrayList<>();
        for (int first = 0; first < changed.size(); first += batchSize) {
            batches.add(event(changed.subList(first, Math.min(changed.size(), first + batchSize)), first));
        }
        Instant started = Instant.now();
        AtomicLong failures = new AtomicLong();
        long startNanos = System.nanoTime();
        long startCpu = processCpuNanos();
        try (ExecutorService containers = Executors.newFixedThreadPool(parallelization)) {
            List<Future<?>> done = new ArrayList<>();
            for (int container = 0; container < parallelization; container++) {
                int offset = container;
                EntitlementPushHandler handler = handlers.get();
                done.add(containers.submit(() -> {
                    for (int b = offset; b < batches.size(); b += parallelization) {
                        StreamsEventResponse response = handler.handleRequest(
                                batches.get(b), TestContext.forFunction("entitlement-push", TIMEOUT));
                        failures.addAndGet(response.getBatchItemFailures().size());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
        List<Integer> statuses = spotify.calls("replace-entitlements").stream()
                .filter(call -> !call.at().isBefore(started))
                .map(call -> call.status())
                .toList();
        long rejected = statuses.stream().filter(status -> status == 429).count();
        long synced = changed.stream().filter(inSync::apply).count();
        Run run = new Run(
                name,
                changed.size(),
                batchSize,
                bound,
                parallelization,
                latencyMs,
                rateLimit,
                seconds,
                statuses.size() - rejected,
                rejected,
                (int) failures.get(),
                synced,
                cpuSeconds);
        LOG.info("{}", run);
        return run;
    }

    /** The whole process's CPU time: the handler's, and the emulator's and the in-memory wire's beside it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, String> environment(SpotifyEmulator spotify, String links, String entitlements) {
        Map<String, String> env = new HashMap<>(EntitlementTestBed.spotifyEnvironment(spotify));
        env.put("LINKS_TABLE", links);
        env.put("ENTITLEMENTS_TABLE", entitlements);
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    /** One MODIFY record per membership, sequence numbers in order. */
    private static DynamodbEvent event(List<Membership> members, int firstSequence) {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            DynamodbStreamRecord record = new DynamodbStreamRecord();
            record.setEventName("MODIFY");
            record.setEventID("bench-" + (firstSequence + i));
            record.setDynamodb(new StreamRecord()
                    .withKeys(Map.of(
                            StreamRecordReader.USER_ID_KEY,
                            new AttributeValue().withS(members.get(i).userId()),
                            StreamRecordReader.PARTNER_ID_KEY,
                            new AttributeValue().withS(members.get(i).partnerId())))
                    .withSequenceNumber("%021d".formatted(firstSequence + i)));
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static void write(Path report, List<Run> inMemory, List<Run> dynalite) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("""
                # Entitlement push benchmark

                Written by `PushBenchmark` (functions/entitlement-push/src/test). Run:
                `./mvnw -B -pl functions/entitlement-push -am -Ppush-benchmark test-compile` (a few minutes). Every changed
                membership has one stream record; batches go to `EntitlementPushHandler.handleRequest` one after
                another (with a ParallelizationFactor P, P handlers take every P-th batch at once, as Lambda runs P
                batches of one shard). Only the handler's time is counted, not the partner's writes. Latency: the
                emulator's latency fault on every replace-entitlements call; rate limit: its per-second limit on
                replace-entitlements (the rest answered 429 with `Retry-After: 1`).

                ## A. In-memory DynamoDB wire

                The stores' real `DynamoDbClient` over testkit's `InMemoryDynamoDbWire` (the SDK's marshalling and signing
                counted, DynamoDB's latency not), the Spotify emulator on loopback. CPU ms per pair: the whole
                process's CPU time (handler, emulator and in-memory wire together) over the pairs: an upper bound of
                the handler's own.

                | run | pairs | BatchSize | bound | P | pairs/s per shard | replace calls per changed pair | 429s | batch item failures | in sync afterwards | CPU ms per pair |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Run run : inMemory) {
            text.append("| %s | %,d | %d | %d | %d | %,.0f | %.3f | %,d | %d | %,d of %,d | %.1f |\n"
                    .formatted(
                            run.name(),
                            run.pairs(),
                            run.batchSize(),
                            run.bound(),
                            run.parallelization(),
                            run.pairsPerSecond(),
                            (double) run.calls() / run.pairs(),
                            run.rejected(),
                            run.batchFailures(),
                            run.inSync(),
                            run.pairs(),
                            1000 * run.cpuSeconds() / run.pairs()));
        }
        Run instant = dynalite.get(0);
        Run slow = dynalite.get(1);
        Run instantSerial = dynalite.get(2);
        Run slowSerial = dynalite.get(3);
        double serialCost = slow.pairs() * 0.1;
        text.append("""

                ## B. dynalite, 120 changed users

                The handler against dynalite (one Node.js process) and the emulator, one batch of 120 records, the
                stores as the local stack wires them.

                | run | bound | seconds | 429s | in sync afterwards |
                |---|---:|---:|---:|---:|
                """);
        for (Run run : dynalite) {
            text.append("| %s | %d | %.2f | %d | %d of %d |\n"
                    .formatted(run.name(), run.bound(), run.seconds(), run.rejected(), run.inSync(), run.pairs()));
        }
        text.append("""

                100 ms at Spotify cost %.2f s more than an instant Spotify: %.1f%% of the one-at-a-time cost (120 x 100 ms
                = %.0f s; target at most 10%%). One at a time, the same latency cost %.2f s more (%.0f%%).

                Machine: %d CPUs, load average %s at the end (a load above the CPU count means other work shared them: the
                figures are then floors), %s.
                """.formatted(
                        slow.seconds() - instant.seconds(),
                        100 * (slow.seconds() - instant.seconds()) / serialCost,
                        serialCost,
                        slowSerial.seconds() - instantSerial.seconds(),
                        100 * (slowSerial.seconds() - instantSerial.seconds()) / serialCost,
                        Runtime.getRuntime().availableProcessors(),
                        loadAverage(),
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        Files.createDirectories(report.getParent());
        Files.writeString(report, text.toString(), StandardCharsets.UTF_8);
        LOG.info("benchmark written to {}:\n{}", report, text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }
}
