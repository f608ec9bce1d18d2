package org.openaccess.partner.local.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Link;
import org.openaccess.emulator.PartnerConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.TestUser;
import org.openaccess.partner.local.LocalSettings;
import org.openaccess.partner.local.LocalStackProcess;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.Ports;
import org.openaccess.partner.testkit.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The entitlement push as a partner first meets it: the whole local stack ({@code ./run-local}'s JVM, dynalite behind
 * its change-capturing proxy, the change feed with the template's batch settings, the deployed push handler), with
 * {@value #DEFAULT_USERS} listeners linked through the real flow, then every membership changed at once by the
 * partner's membership system, timed until Spotify holds every new set. Run with Spotify answering at once and after
 * a latency, interleaved; the difference is what Spotify's latency costs the push. Writes
 * docs/local-push-benchmark.md. Run: {@code ./mvnw -B -pl infra/local -am -Plocal-push-bench verify -DskipTests}.
 *
 * <p>Spotify here is an emulator in this JVM with one test user per listener (the stack's own emulator has three),
 * which the stack uses as an external Spotify: its settings point the functions at it.
 */
public final class LocalStackPushBenchmark {

    static final int DEFAULT_USERS = 120;
    private static final List<Set<String>> SETS =
            List.of(Set.of("basic"), Set.of("premium"), Set.of("basic", "premium"));
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);

    private final SpotifyEmulator spotify;
    private final LocalStackProcess stack;
    private final DynamoDbClient membershipSystem;
    private final List<Listener> listeners;
    private int round;

    private LocalStackPushBenchmark(
            SpotifyEmulator spotify, LocalStackProcess stack, DynamoDbClient membershipSystem, int users) {
        this.spotify = spotify;
        this.stack = stack;
        this.membershipSystem = membershipSystem;
        this.listeners = IntStream.range(0, users)
                .mapToObj(i -> new Listener("member-%03d".formatted(i), "listener-%03d".formatted(i)))
                .toList();
    }

    /** One run: every membership changed at once, until Spotify holds every new set. */
    record Run(long latencyMs, int users, double writeSeconds, double syncedSeconds, long replaceCalls, long inSync) {
        double afterLastWrite() {
            return syncedSeconds - writeSeconds;
        }
    }

    /** A partner user, and the Spotify test user they approve as. */
    record Listener(String userId, String spotifyUser) {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_USERS;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path report = RepoRoot.path().resolve("docs/local-push-benchmark.md");

        int apiPort = Ports.free();
        URI api = URI.create("http://127.0.0.1:" + apiPort);
        try (SpotifyEmulator spotify = SpotifyEmulator.start(spotifyWith(users, api), 0)) {
            Map<String, String> settings = Map.of(
                    "LOCAL_API_PORT", Integer.toString(apiPort),
                    "SPOTIFY_ACCOUNTS_URL", spotify.baseUrl().toString(),
                    "SPOTIFY_OPEN_ACCESS_URL",
                            spotify.baseUrl().resolve("/api/v1").toString(),
                    "SPOTIFY_CONTENT_ACCESS_URL", spotify.baseUrl().toString(),
                    "ALLOWED_COMPLETION_HOSTS", "127.0.0.1");
            long startNanos = System.nanoTime();
            try (LocalStackProcess stack = LocalStackProcess.startOnFreePorts(settings);
                    DynamoDbClient partnerDb =
                            Dynalite.clientFor(URI.create(stack.settings().text("AWS_ENDPOINT_URL_DYNAMODB")))) {
                System.out.printf("local stack ready in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
                LocalStackPushBenchmark bench = new LocalStackPushBenchmark(spotify, stack, partnerDb, users);
                double linkSeconds = bench.linkEveryone();
                List<Run> runs = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (long latency : new long[] {0, latencyMs}) {
                        Run run = bench.changeEveryone(latency);
                        System.out.println(run);
                        runs.add(run);
                    }
                }
                Files.writeString(report, BenchmarkReport.markdown(runs, users, latencyMs, linkSeconds));
                System.out.println("wrote " + report);
            }
        }
    }

    /** The emulator as Spotify for this stack: its client and partner, one test user per listener. */
    private static EmulatorConfig spotifyWith(int users, URI api) {
        EmulatorConfig defaults = EmulatorConfig.defaults();
        ClientConfig client = EmulatorConfig.localClient()
                .withRedirectUris(List.of(api.resolve("/callback").toString()))
                .withPartners(List.of(new PartnerConfig(
                        EmulatorConfig.LOCAL_PARTNER_ID, "Local Demo Partner", api.resolve("/link"))));
        List<TestUser> testUsers = IntStream.range(0, users)
                .mapToObj(i -> new TestUser("listener-%03d".formatted(i), "Listener " + i))
                .toList();
        return new EmulatorConfig(
                List.of(client), testUsers, defaults.shows(), EmulatorConfig.DEFAULT_CONFLICT_STATUS, null, null);
    }

    /** Every listener: a membership, then the linking flow in a headless browser of their own. */
    private double linkEveryone() throws Exception {
        long started = System.nanoTime();
        listeners.forEach(l -> writeMembership(l, SETS.getFirst()));
        LocalSettings settings = stack.settings();
        try (ExecutorService browsers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> flows = new ArrayList<>();
            for (Listener listener : listeners) {
                flows.add(browsers.submit(() -> new HeadlessListener(settings, listener.userId())
                        .link(stack.apiUrl().resolve("/link"), listener.spotifyUser())));
            }
            for (Future<String> flow : flows) {
                String last = flow.get();
                if (!last.contains("/completion/")) {
                    throw new IllegalStateException("a linking flow ended at " + last + "\n" + stack.output());
                }
            }
        }
        Map<String, Link> bySpotifyUser = linksBySpotifyUser();
        long linked = listeners.stream()
                .filter(l -> bySpotifyUser.containsKey(l.spotifyUser()))
                .count();
        if (linked != listeners.size()) {
            throw new IllegalStateException(linked + " of " + listeners.size() + " listeners are linked on Spotify");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d listeners linked through the flow in %.1f s%n", linked, seconds);
        return seconds;
    }

    private Run changeEveryone(long latencyMs) throws Exception {
        Set<String> next = SETS.get(++round % SETS.size());
        spotify.faults().clear();
        if (latencyMs > 0) {
            spotify.faults().inject("replace-entitlements", Fault.latency(Duration.ofMillis(latencyMs)));
        }
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        // The membership system's bulk change (a price change, a migration): every write at once.
        try (ExecutorService writers = Executors.newFixedThreadPool(16)) {
            List<Future<?>> writes = new ArrayList<>();
            for (Listener listener : listeners) {
                writes.add(writers.submit(() -> writeMembership(listener, next)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = started + SYNC_TIMEOUT.toNanos();
        long inSync;
        while ((inSync = inSync(next)) < listeners.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double syncedSeconds = (System.nanoTime() - started) / 1e9;
        long calls = spotify.calls("replace-entitlements").stream()
                .filter(call -> !call.at().isBefore(startedAt))
                .count();
        spotify.faults().clear();
        return new Run(latencyMs, listeners.size(), writeSeconds, syncedSeconds, calls, inSync);
    }

    /** Polled every 5 ms while a run is timed: one read of Spotify's links per poll, not one per listener. */
    private long inSync(Set<String> expected) {
        Map<String, Link> bySpotifyUser = linksBySpotifyUser();
        return listeners.stream()
                .map(l -> bySpotifyUser.get(l.spotifyUser()))
                .filter(link -> link != null && link.entitlements().equals(expected))
                .count();
    }

    /** The default partner's links on Spotify, by the Spotify account they are linked to. */
    private Map<String, Link> linksBySpotifyUser() {
        return spotify.links().stream()
                .filter(link -> link.partnerId().equals(EmulatorConfig.LOCAL_PARTNER_ID))
                .collect(Collectors.toMap(Link::spotifyUserId, link -> link));
    }

    /** What the partner's membership system writes (the contract in docs/entitlements.md). */
    private void writeMembership(Listener listener, Set<String> entitlements) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", AttributeValue.fromS(listener.userId()));
        item.put("partnerId", AttributeValue.fromS(EmulatorConfig.LOCAL_PARTNER_ID));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        item.put("entitlements", AttributeValue.fromSs(List.copyOf(entitlements)));
        membershipSystem.putItem(
                b -> b.tableName(stack.settings().entitlementsTable()).item(item));
    }

    /** The report: every run, then the latency's extra cost against the one-at-a-time cost. */
    static final class BenchmarkReport {
        private BenchmarkReport() {}

        static String markdown(List<Run> runs, int users, long latencyMs, double linkSeconds) throws IOException {
            StringBuilder out = new StringBuilder();
            out.append("""
                    # Entitlement push through the local stack

                    Written by `LocalStackPushBenchmark` (infra/local/src/test/.../bench). Run:
                    `./mvnw -B -pl infra/local -am -Plocal-push-bench verify -DskipTests` (about two minutes).

                    The whole local stack as `./run-local` starts it (its own JVM: dynalite behind the change-capturing
                    DynamoDB proxy, the change feed with template.yaml's BatchSize and batching window, the deployed
                    push handler with its 64 calls in flight), and an emulator of Spotify with one test user per
                    listener that the stack uses as an external Spotify. %d listeners linked through the real flow
                    (partner session, GET /link, Spotify's consent, the callback, register-user) in %.1f s. Then, per
                    run, the partner's membership system changes every membership at once (16 writers, PutItem
                    through the stack's DynamoDB endpoint), and the run is timed from the first write until Spotify
                    holds every new set. Runs alternate between an instant Spotify and one whose replace-entitlements
                    answers after %d ms.

                    """.formatted(users, linkSeconds, latencyMs));
            out.append("Machine: ")
                    .append(Runtime.getRuntime().availableProcessors())
                    .append(" CPUs, load average ")
                    .append(loadAverage())
                    .append(" at the end, JDK ")
                    .append(System.getProperty("java.version"))
                    .append(", ")
                    .append(DateTimeFormatter.ISO_INSTANT.format(
                            Instant.now().atOffset(ZoneOffset.UTC).withNano(0)))
                    .append(".\n\n");
            out.append("| run | Spotify latency | changed users | writes done after | all in sync after"
                    + " | in sync after the last write | replace calls | in sync |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                out.append("| %d | %d ms | %d | %.2f s | %.2f s | %.2f s | %d | %d of %d |\n"
                        .formatted(
                                i + 1,
                                run.latencyMs(),
                                run.users(),
                                run.writeSeconds(),
                                run.syncedSeconds(),
                                run.afterLastWrite(),
                                run.replaceCalls(),
                                run.inSync(),
                                run.users()));
            }
            double instant = median(runs, 0, Run::syncedSeconds);
            double slow = median(runs, latencyMs, Run::syncedSeconds);
            double extra = slow - instant;
            double instantTail = median(runs, 0, Run::afterLastWrite);
            double slowTail = median(runs, latencyMs, Run::afterLastWrite);
            double serialCost = users * latencyMs / 1000.0;
            out.append("""

                    Medians: %.2f s with an instant Spotify, %.2f s at %d ms. **Spotify's latency cost %.2f s, %.1f%% of
                    the one-at-a-time cost** (%d users x %d ms = %.1f s, what a push that syncs one user after another
                    pays for the latency alone); the target is at most 10%%. Counted from the last write instead
                    (which leaves out dynalite's noise in the writes): %.2f s and %.2f s, a difference of %.2f s
                    (%.1f%%). Each changed user got %s replace call(s). The rest of a run is the writes themselves
                    and the change feed's batching window (template.yaml's MaximumBatchingWindowInSeconds: 1).
                    """.formatted(
                            instant,
                            slow,
                            latencyMs,
                            extra,
                            100 * extra / serialCost,
                            users,
                            latencyMs,
                            serialCost,
                            instantTail,
                            slowTail,
                            slowTail - instantTail,
                            100 * (slowTail - instantTail) / serialCost,
                            callsPerUser(runs)));
            return out.toString();
        }

        private static double median(List<Run> runs, long latencyMs, ToDoubleFunction<Run> figure) {
            List<Double> times = runs.stream()
                    .filter(r -> r.latencyMs() == latencyMs)
                    .map(figure::applyAsDouble)
                    .sorted()
                    .toList();
            int n = times.size();
            return n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
        }

        private static String callsPerUser(List<Run> runs) {
            long calls = runs.stream().mapToLong(Run::replaceCalls).sum();
            long users = runs.stream().mapToLong(Run::users).sum();
            return "%.3f".formatted((double) calls / users);
        }

        private static String loadAverage() throws IOException {
            Path proc = Path.of("/proc/loadavg");
            if (!Files.exists(proc)) {
                return "unknown";
            }
            String[] fields =
                    Files.readString(proc, StandardCharsets.US_ASCII).trim().split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        }
    }
}
