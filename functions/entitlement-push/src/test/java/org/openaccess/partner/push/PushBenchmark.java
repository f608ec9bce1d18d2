package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.RepoRoot;
import org.openaccess.partner.testkit.TestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: pushes 10,000 entitlement changes over 1,000 linked users through the deployed handler, in
 * stream batches of 100 (the template's BatchSize), against dynalite and the Spotify emulator, and writes
 * records per second and Spotify calls per record to {@code docs/entitlements-benchmark.md}.
 * Run: {@code ./mvnw -B -pl functions/entitlement-push test-compile exec:exec} (after installing its dependencies).
 */
public final class PushBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PushBenchmark.class);
    private static final int USERS = 1_000;
    private static final int CHANGES = 10_000;
    private static final int BATCH_SIZE = 100;
    private static final List<Set<String>> SETS =
            List.of(Set.of(), Set.of("basic"), Set.of("premium"), Set.of("basic", "premium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path report = args.length > 0 ? Path.of(args[0]) : RepoRoot.path().resolve("docs/entitlements-benchmark.md");
        SecureRandom random = new SecureRandom();
        try (SpotifyEmulator spotify = SpotifyEmulator.start(EmulatorConfig.defaults(), 0)) {
            EntitlementTestBed bed = new EntitlementTestBed(spotify, EntitlementPushHandler.REQUIRED);
            EntitlementPushHandler handler = new EntitlementPushHandler(bed.wiring);
            List<String> members =
                    IntStream.range(0, USERS).mapToObj("member-%05d"::formatted).toList();
            members.forEach(m -> bed.link(m, "listener-" + m, Set.of("basic")));
            warmUp(handler, bed, members);
            long callsBefore = spotify.calls("replace-entitlements").size();
            LOG.info("{} users linked; pushing {} changes", USERS, CHANGES);

            long pushNanos = 0;
            List<Long> batchMillis = new ArrayList<>();
            int failures = 0;
            for (int first = 1; first <= CHANGES; first += BATCH_SIZE) {
                ArrayNode records = JSON.createArrayNode();
                for (int n = first; n < first + BATCH_SIZE; n++) {
                    String member = members.get(random.nextInt(USERS));
                    bed.change(member, SETS.get(random.nextInt(SETS.size()))); // the partner's write: not timed
                    records.add(record(member, n));
                }
                DynamodbEvent event = event(records);
                long start = System.nanoTime();
                StreamsEventResponse response = handler.handleRequest(
                        event, TestContext.forFunction("entitlement-push", Duration.ofSeconds(60)));
                long took = System.nanoTime() - start;
                pushNanos += took;
                batchMillis.add(took / 1_000_000);
                failures += response.getBatchItemFailures().size();
            }
            long calls = spotify.calls("replace-entitlements").size() - callsBefore;
            long inSync = members.stream()
                    .filter(m -> bed.inTable(m).equals(bed.onSpotify(m)))
                    .count();
            if (inSync != USERS) {
                throw new IllegalStateException("only " + inSync + " of " + USERS + " users ended in sync");
            }
            write(report, pushNanos, batchMillis, calls, failures);
        }
    }

    /** One batch before measuring, so that class loading and the token fetch are not counted (its calls neither). */
    private static void warmUp(EntitlementPushHandler handler, EntitlementTestBed bed, List<String> members) {
        ArrayNode records = JSON.createArrayNode();
        for (int n = 0; n < 20; n++) {
            bed.change(members.get(n), Set.of("premium"));
            records.add(record(members.get(n), CHANGES + 1 + n));
        }
        handler.handleRequest(event(records), TestContext.forFunction("entitlement-push", Duration.ofSeconds(60)));
    }

    private static void write(Path report, long pushNanos, List<Long> batchMillis, long calls, int failures)
            throws IOException {
        double seconds = pushNanos / 1e9;
        List<Long> sorted = batchMillis.stream().sorted().toList();
        String text = """
                # Entitlement push benchmark

                Written by `PushBenchmark` (functions/entitlement-push/src/test): %,d entitlement changes over %,d linked
                users, in stream batches of %d, through `EntitlementPushHandler.handleRequest`, against dynalite and the
                Spotify emulator on loopback. Only the handler's time is counted (not the partner's writes).
                Run: `./mvnw -B -pl functions/entitlement-push test-compile exec:exec`.

                | measured | value |
                |---|---|
                | records per second | %,.0f |
                | replace-entitlements calls per record | %.3f (%,d calls for %,d records) |
                | batch time, median / p90 / max | %d / %d / %d ms |
                | batch item failures | %d |
                | users whose Spotify set equals the table afterwards | all %,d |
                | machine | %d CPUs, load average %s at the end, %s |

                Calls per record stay below 1 because a batch coalesces each user's records into one call and skips
                users whose set did not change. Throughput here is bounded by dynalite (a single-threaded Node.js
                process, ~6 requests per changed user) and is a floor, not DynamoDB's figure.
                """.formatted(
                        CHANGES,
                        USERS,
                        BATCH_SIZE,
                        CHANGES / seconds,
                        (double) calls / CHANGES,
                        calls,
                        CHANGES,
                        sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() * 9 / 10),
                        sorted.getLast(),
                        failures,
                        USERS,
                        Runtime.getRuntime().availableProcessors(),
                        loadAverage(),
                        Instant.now());
        Files.createDirectories(report.getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        LOG.info("benchmark written to {}:\n{}", report, text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static DynamodbEvent event(ArrayNode records) {
        ObjectNode event = JSON.createObjectNode();
        event.set("Records", records);
        return LambdaEvents.fromJson(event.toString(), DynamodbEvent.class);
    }

    private static ObjectNode record(String member, int sequence) {
        ObjectNode record = JSON.createObjectNode()
                .put("eventID", "bench-" + sequence)
                .put("eventName", "MODIFY")
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode change = record.putObject("dynamodb");
        change.putObject("Keys").putObject("userId").put("S", member);
        change.put("SequenceNumber", "%021d".formatted(sequence));
        change.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return record;
    }
}
