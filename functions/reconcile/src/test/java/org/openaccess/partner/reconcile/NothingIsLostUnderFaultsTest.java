package org.openaccess.partner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.push.EntitlementPushHandler;
import org.openaccess.partner.testkit.LambdaEvents;
import org.openaccess.partner.testkit.TestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The promise, end to end: a few hundred linked memberships (a quarter of the users are members of a
 * second partner of the platform too), many changes (repeats, emptied sets, deleted
 * items) written while the stream push runs, Spotify failing a third of the calls (429, 503, dropped
 * connections), Lambda's retries emulated with a bound, some batches never delivered at all, and the last
 * changes of twenty users lost in an outage longer than the stream keeps records. After the faults stop and the
 * reconciler runs once, Spotify holds exactly the table's set for every linked membership, under its own partner id.
 */
@org.junit.jupiter.api.Tag("integration")
class NothingIsLostUnderFaultsTest {
    /** Users of the default partner; the first quarter of them are members of the second partner too. */
    private static final int USERS = 160;

    private static final int CHANGES = 1_000;
    private static final int BATCH_SIZE = 100;
    /** The event source mapping's MaximumRetryAttempts, scaled down: after these, records go to the failure queue. */
    private static final int LAMBDA_RETRIES = 2;

    private static final List<Set<String>> SETS =
            List.of(Set.of(), Set.of("basic"), Set.of("premium"), Set.of("basic", "premium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(NothingIsLostUnderFaultsTest.class);

    @RegisterExtension
    static final SpotifyEmulatorExtension SPOTIFY = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());

    private final SecureRandom random = new SecureRandom();

    @Test
    void afterTheFaultsStopOneReconcileLeavesSpotifyEqualToTheTableForEveryLinkedUser() throws Exception {
        EntitlementTestBed bed = new EntitlementTestBed(SPOTIFY.emulator(), ReconcileHandler.REQUIRED);
        List<Membership> members = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String userId = "member-%04d".formatted(i);
            members.add(EntitlementTestBed.member(userId));
            if (i < USERS / 4) {
                members.add(new Membership(userId, EntitlementTestBed.SECOND_PARTNER_ID));
            }
        }
        members.forEach(m -> bed.link(m, "listener-" + m.userId(), Set.of("basic")));
        // A third of the calls fail: 503s, 429s (a few with Retry-After), and dropped connections.
        bed.spotify
                .faults()
                .inject("replace-entitlements", Fault.status(503).fraction(0.14))
                .inject("replace-entitlements", Fault.status(429).fraction(0.12))
                .inject(
                        "replace-entitlements",
                        Fault.rateLimited(Duration.ofSeconds(1)).fraction(0.01))
                .inject("replace-entitlements", Fault.dropConnection().fraction(0.08))
                .inject("token", Fault.status(503).fraction(0.3));
        // A few users unlink on Spotify's side meanwhile: their next push gets a 404.
        // (member-0000 at the second partner, then at the default one: each link on its own.)
        members.subList(0, 5).forEach(m -> bed.spotify.unlinkOnSpotify(m.partnerId(), bed.puid(m)));

        long started = System.nanoTime();
        BlockingQueue<ObjectNode> stream = new LinkedBlockingQueue<>();
        AtomicBoolean writerDone = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            writeChanges(bed, members, stream);
            writerDone.set(true);
        });
        PushStats stats = pushWhileWriting(new EntitlementPushHandler(bed.wiring), stream, writerDone);
        writer.join();
        // The last changes of twenty users fall into an outage longer than the stream keeps records.
        List<Membership> lastChangeLost = members.subList(5, 25);
        lastChangeLost.forEach(m -> bed.change(m, aSetNeitherSideHas(bed, m)));
        assertTrue(stats.neverDelivered > 0, "some batches never made it: " + stats);
        assertTrue(staleUsers(bed, members).size() >= lastChangeLost.size(), "the stream alone left drift");

        long streamed = System.nanoTime();
        bed.spotify.faults().clear();
        ReconcileReport report = new ReconcileHandler(bed.wiring)
                .handleRequest(
                        LambdaEvents.scheduledEvent("reconcile/scheduled.json"),
                        TestContext.forFunction("reconcile", Duration.ofMinutes(5)));

        LOG.info(
                "stream phase {} ms ({}), one reconcile {} ms: {}",
                (streamed - started) / 1_000_000,
                stats,
                (System.nanoTime() - streamed) / 1_000_000,
                report);
        assertTrue(report.passComplete(), report.toString());
        assertTrue(report.sent() >= lastChangeLost.size(), report.toString());
        assertEquals(0, report.deferred(), report.toString());
        List<String> stale = staleUsers(bed, members);
        assertEquals(List.of(), stale, "zero lost, zero stale");
        // Only the users who unlinked on Spotify's side lack a link there; we learn it at their next change.
        List<Membership> unlinkedOnSpotify = members.stream()
                .filter(m -> bed.spotify.link(m.partnerId(), bed.puid(m)).isEmpty())
                .toList();
        assertEquals(members.subList(0, 5), unlinkedOnSpotify);
    }

    private static Set<String> aSetNeitherSideHas(EntitlementTestBed bed, Membership member) {
        return SETS.stream()
                .filter(set -> !set.equals(inTable(bed, member)) && !set.equals(bed.onSpotify(member)))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> inTable(EntitlementTestBed bed, Membership member) {
        return bed.wiring.entitlements().current(member);
    }

    /** Memberships whose Spotify link holds another set than the table, or that are linked there but not here. */
    private static List<String> staleUsers(EntitlementTestBed bed, List<Membership> members) {
        List<String> stale = new ArrayList<>();
        for (Membership member : members) {
            boolean linkedHere = bed.link(member).map(Link::isLinked).orElse(false);
            boolean linkedOnSpotify =
                    bed.spotify.link(member.partnerId(), bed.puid(member)).isPresent();
            if (linkedHere && linkedOnSpotify && !inTable(bed, member).equals(bed.onSpotify(member))) {
                stale.add(member + ": table " + inTable(bed, member) + ", Spotify " + bed.onSpotify(member));
            } else if (!linkedHere && linkedOnSpotify) {
                stale.add(member + " is UNLINKED here but still linked on Spotify");
            }
        }
        return stale;
    }

    /** The partner's membership system: puts (repeats and emptied sets included) and deletes, one stream record each. */
    private void writeChanges(EntitlementTestBed bed, List<Membership> members, BlockingQueue<ObjectNode> stream) {
        Set<Membership> existing = new HashSet<>(members);
        for (int n = 1; n <= CHANGES; n++) {
            Membership member = members.get(random.nextInt(members.size()));
            String eventName;
            if (random.nextInt(8) == 0) {
                String table = bed.environment.get("ENTITLEMENTS_TABLE");
                bed.dynamo.deleteItem(b -> b.tableName(table)
                        .key(Map.of(
                                "userId",
                                AttributeValue.fromS(member.userId()),
                                "partnerId",
                                AttributeValue.fromS(member.partnerId()))));
                eventName = existing.remove(member) ? "REMOVE" : null; // deleting nothing makes no record
            } else {
                bed.change(member, SETS.get(random.nextInt(SETS.size())));
                eventName = existing.add(member) ? "INSERT" : "MODIFY";
            }
            if (eventName != null) {
                stream.add(record(eventName, member, n));
            }
        }
    }

    private record PushStats(int exhausted, int neverDelivered) {}

    /** Lambda's side of the event source mapping: batches of up to 100, partial-failure retries, then the failure queue. */
    private PushStats pushWhileWriting(
            EntitlementPushHandler handler, BlockingQueue<ObjectNode> stream, AtomicBoolean writerDone)
            throws InterruptedException {
        int exhausted = 0;
        int neverDelivered = 0;
        int batchNumber = 0;
        while (!writerDone.get() || !stream.isEmpty()) {
            ObjectNode first = stream.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                continue;
            }
            List<ObjectNode> batch = new ArrayList<>(List.of(first));
            stream.drainTo(batch, BATCH_SIZE - 1);
            if (++batchNumber % 5 == 0) {
                neverDelivered += batch.size(); // lost beyond the stream's retention
                continue;
            }
            exhausted += deliver(handler, batch);
        }
        return new PushStats(exhausted, neverDelivered);
    }

    /** Returns how many records ended in the failure queue. */
    private static int deliver(EntitlementPushHandler handler, List<ObjectNode> batch) {
        List<ObjectNode> pending = batch;
        for (int attempt = 0; attempt <= LAMBDA_RETRIES; attempt++) {
            // The template's Timeout: retries happen within the invocation first, then through Lambda.
            TestContext context = TestContext.forFunction("entitlement-push", Duration.ofSeconds(60));
            StreamsEventResponse response = handler.handleRequest(event(pending), context);
            if (response.getBatchItemFailures().isEmpty()) {
                return 0;
            }
            pending = fromRecord(
                    pending, response.getBatchItemFailures().getFirst().getItemIdentifier());
        }
        return pending.size();
    }

    private static List<ObjectNode> fromRecord(List<ObjectNode> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).path("dynamodb").path("SequenceNumber").asText().equals(sequenceNumber)) {
                return records.subList(i, records.size());
            }
        }
        throw new AssertionError("the handler reported a sequence number not in its batch: " + sequenceNumber);
    }

    private static DynamodbEvent event(List<ObjectNode> records) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addAll(records);
        return LambdaEvents.fromJson(event.toString(), DynamodbEvent.class);
    }

    /** A stream record as DynamoDB Streams writes it; the push reads only the key, so no image is needed. */
    private static ObjectNode record(String eventName, Membership member, int sequence) {
        ObjectNode record = JSON.createObjectNode()
                .put("eventID", "change-" + sequence)
                .put("eventName", eventName)
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode change = record.putObject("dynamodb");
        change.put("ApproximateCreationDateTime", 1764165600 + sequence);
        ObjectNode keys = change.putObject("Keys");
        keys.putObject("userId").put("S", member.userId());
        keys.putObject("partnerId").put("S", member.partnerId());
        change.put("SequenceNumber", "%021d".formatted(sequence));
        change.put("SizeBytes", 64);
        change.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put(
                "eventSourceARN",
                "arn:aws:dynamodb:us-east-1:123456789012:table/entitlements/stream/2026-11-26T15:00:00.000");
        return record;
    }
}
