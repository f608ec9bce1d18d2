package org.openaccess.partner.push.fuzz;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.fuzz.FuzzText;
import org.openaccess.partner.core.fuzz.Holds;
import org.openaccess.partner.core.testing.EntitlementTestBed;
import org.openaccess.partner.push.EntitlementPushHandler;
import org.openaccess.partner.testkit.TestContext;

/**
 * The entitlements stream fuzzed through the deployed handler (docs/fuzzing.md): generated batches of valid
 * records (INSERT, MODIFY, REMOVE of linked, unlinked and unknown users) mixed with malformed ones (no record, no
 * or unknown event name, no dynamodb section, no sequence number, missing or non-string keys) and with keys no
 * table can hold, against dynalite and the in-process Spotify emulator.
 */
@Tag("integration")
class EntitlementPushFuzzTest {
    private static final Set<Setting> REQUIRED = EnumSet.of(
            Setting.SPOTIFY_CLIENT_ID, Setting.SPOTIFY_PARTNER_ID, Setting.LINKS_TABLE, Setting.ENTITLEMENTS_TABLE);
    private static final List<String> LINKED = List.of("member-ada", "member-grace", "member-alan");
    private static final List<Set<String>> SETS =
            List.of(Set.of(), Set.of("basic"), Set.of("premium"), Set.of("basic", "premium"));
    private static final String SKIPPED = "skipped malformed stream record";

    private static SpotifyEmulator spotify;
    private static EntitlementTestBed bed;
    private static EntitlementPushHandler handler;

    /** One generated record: what it is, and (for a change) whose. */
    enum Kind {
        VALID,
        NULL_RECORD,
        NO_EVENT_NAME,
        UNKNOWN_EVENT_NAME,
        NO_DYNAMODB,
        NO_SEQUENCE_NUMBER,
        BLANK_SEQUENCE_NUMBER,
        NO_KEYS,
        NO_USER_KEY,
        USER_KEY_NOT_A_STRING,
        EMPTY_USER_KEY,
        IMPOSSIBLE_KEY
    }

    record Generated(Kind kind, String eventName, String userId) {
        boolean malformed() {
            return kind != Kind.VALID && kind != Kind.IMPOSSIBLE_KEY;
        }
    }

    record Batch(List<Generated> records, List<Integer> newSets) {}

    @BeforeContainer
    static void start() {
        spotify = SpotifyEmulator.start(EmulatorConfig.defaults(), 0);
        bed = new EntitlementTestBed(spotify, REQUIRED);
        handler = new EntitlementPushHandler(bed.wiring);
        for (String user : LINKED) {
            bed.link(user, user.substring("member-".length()), Set.of("basic"));
        }
    }

    @AfterContainer
    static void stop() {
        spotify.close();
    }

    /**
     * Whatever the batch holds, the handler answers (never throws); each malformed record is skipped with one log
     * line; the partial-batch response names only sequence numbers of the batch's records (and, with Spotify and
     * DynamoDB up, none for records a table can produce); afterwards every linked user named in the batch has on
     * Spotify exactly what the table says.
     */
    @Property(tries = 1000)
    void everyBatchIsAnsweredMalformedRecordsAreSkippedAndLinkedUsersConverge(@ForAll("batches") Batch batch) {
        for (int i = 0; i < LINKED.size(); i++) {
            bed.change(LINKED.get(i), SETS.get(batch.newSets().get(i)));
        }
        List<DynamodbStreamRecord> records = new ArrayList<>();
        Set<String> sequenceNumbers = new HashSet<>();
        for (int i = 0; i < batch.records().size(); i++) {
            DynamodbStreamRecord record = record(batch.records().get(i), "4900000000000000000" + (1000 + i));
            records.add(record);
            if (record != null
                    && record.getDynamodb() != null
                    && record.getDynamodb().getSequenceNumber() != null) {
                sequenceNumbers.add(record.getDynamodb().getSequenceNumber());
            }
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        TestContext context = TestContext.forFunction("entitlement-push", Duration.ofSeconds(60));

        StreamsEventResponse response;
        try {
            response = handler.handleRequest(event, context);
        } catch (RuntimeException thrown) {
            throw new AssertionError("the handler threw " + thrown.getClass().getName(), thrown);
        }

        Holds.that(response != null && response.getBatchItemFailures() != null, "no answer");
        boolean possible = batch.records().stream().noneMatch(r -> r.kind() == Kind.IMPOSSIBLE_KEY);
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            Holds.that(
                    sequenceNumbers.contains(failure.getItemIdentifier()),
                    "a failure names " + failure.getItemIdentifier() + ", not a record of this batch");
        }
        Holds.that(
                !possible || response.getBatchItemFailures().isEmpty(),
                "failures reported while everything is up: "
                        + response.getBatchItemFailures().size());
        long skipped =
                context.loggedLines().stream().filter(l -> l.contains(SKIPPED)).count();
        long malformed = batch.records().stream().filter(Generated::malformed).count();
        Holds.that(skipped == malformed, malformed + " malformed records, " + skipped + " skipped: " + context.logs());
        Holds.that(!context.logs().contains(EmulatorConfig.LOCAL_CLIENT_SECRET), "the client secret was logged");
        if (possible) {
            for (Generated record : batch.records()) {
                if (record.kind() == Kind.VALID && LINKED.contains(record.userId())) {
                    Holds.that(
                            bed.onSpotify(record.userId()).equals(bed.inTable(record.userId())),
                            record.userId() + " has " + bed.onSpotify(record.userId()) + " on Spotify, "
                                    + bed.inTable(record.userId()) + " in the table");
                }
            }
        }
    }

    private static DynamodbStreamRecord record(Generated generated, String sequenceNumber) {
        if (generated.kind() == Kind.NULL_RECORD) {
            return null;
        }
        Map<String, AttributeValue> keys = new HashMap<>();
        keys.put("userId", new AttributeValue().withS(generated.userId()));
        keys.put("partnerId", new AttributeValue().withS(EntitlementTestBed.PARTNER_ID));
        StreamRecord change = new StreamRecord()
                .withKeys(keys)
                .withSequenceNumber(sequenceNumber)
                .withStreamViewType(StreamViewType.KEYS_ONLY)
                .withSizeBytes(64L);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("event-" + sequenceNumber);
        record.setEventSource("aws:dynamodb");
        record.setEventVersion("1.1");
        record.setAwsRegion("us-east-1");
        record.setEventName(generated.eventName());
        record.setDynamodb(change);
        switch (generated.kind()) {
            case NO_EVENT_NAME -> record.setEventName((String) null);
            case UNKNOWN_EVENT_NAME -> record.setEventName("UPSERT" + generated.eventName());
            case NO_DYNAMODB -> record.setDynamodb(null);
            case NO_SEQUENCE_NUMBER -> change.setSequenceNumber(null);
            case BLANK_SEQUENCE_NUMBER -> change.setSequenceNumber(" ");
            case NO_KEYS -> change.setKeys(null);
            case NO_USER_KEY -> keys.remove("userId");
            case USER_KEY_NOT_A_STRING -> keys.put("userId", new AttributeValue().withN("42"));
            case EMPTY_USER_KEY -> keys.put("userId", new AttributeValue().withS(""));
            default -> {}
        }
        return record;
    }

    @Provide
    Arbitrary<Batch> batches() {
        Arbitrary<String> users = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(LINKED)),
                Tuple.of(1, Arbitraries.just("member-never-linked")),
                Tuple.of(2, FuzzText.nasty().filter(EntitlementPushFuzzTest::aTableCanHold)));
        Arbitrary<String> impossible = Arbitraries.of("x".repeat(2049), "é".repeat(1025), "member-\uD800");
        Arbitrary<String> eventNames = Arbitraries.of("INSERT", "MODIFY", "REMOVE");
        Arbitrary<Generated> valid =
                Combinators.combine(eventNames, users).as((name, user) -> new Generated(Kind.VALID, name, user));
        Arbitrary<Generated> malformed = Combinators.combine(
                        Arbitraries.of(Kind.values()).filter(k -> k != Kind.VALID && k != Kind.IMPOSSIBLE_KEY),
                        eventNames,
                        users)
                .as(Generated::new);
        Arbitrary<Generated> impossibleKey = Combinators.combine(eventNames, impossible)
                .as((name, user) -> new Generated(Kind.IMPOSSIBLE_KEY, name, user));
        Arbitrary<List<Generated>> records = Arbitraries.frequencyOf(
                        Tuple.of(6, valid), Tuple.of(3, malformed), Tuple.of(1, impossibleKey))
                .list()
                .ofMaxSize(8);
        Arbitrary<List<Integer>> newSets =
                Arbitraries.integers().between(0, SETS.size() - 1).list().ofSize(LINKED.size());
        return Combinators.combine(records, newSets).as(Batch::new);
    }

    /** A key DynamoDB can store, so one its stream can carry: 1 to 2048 UTF-8 bytes of well-formed text. */
    private static boolean aTableCanHold(String userId) {
        if (userId.isEmpty()) {
            return false;
        }
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < userId.length()
                            && Character.isLowSurrogate(userId.charAt(++i)))) {
                return false;
            }
        }
        return userId.getBytes(StandardCharsets.UTF_8).length <= 2048;
    }
}
