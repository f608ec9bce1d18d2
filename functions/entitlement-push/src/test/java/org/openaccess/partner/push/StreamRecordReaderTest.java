package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.push.StreamRecordReader.Change;
import org.openaccess.partner.push.StreamRecordReader.Malformed;
import org.openaccess.partner.push.StreamRecordReader.Reading;
import org.openaccess.partner.testkit.LambdaEvents;

/** Which membership (user and partner id) each stream record is about, read from the batches Lambda delivers (events/entitlement-push). */
class StreamRecordReaderTest {

    private static final String DEFAULT_PARTNER = "LocalDemoPartner000001";
    private static final String CREATOR = "LocalCreatorPartner002";

    private static List<Reading> read(String file) {
        DynamodbEvent event = LambdaEvents.dynamodbEvent(file);
        return event.getRecords().stream().map(StreamRecordReader::read).toList();
    }

    @Test
    void eachBadRecordIsNamedForWhatIsWrongAndTheGoodOnesKeepTheirUserAndPosition() {
        assertEquals(
                List.of(
                        new Change(new Membership("member-ada", DEFAULT_PARTNER), "700000000000000000001"),
                        new Malformed("no userId key"),
                        new Malformed("userId key is not a non-empty string"),
                        new Malformed("unknown eventName"),
                        new Malformed("no dynamodb section"),
                        new Malformed("no SequenceNumber"),
                        new Malformed("no partnerId key"),
                        new Change(new Membership("member-grace", DEFAULT_PARTNER), "700000000000000000007")),
                read("entitlement-push/malformed-records.json"));
    }

    @Test
    void everyRecordOfAnOrdinaryBatchIsAChangeOfItsMembership() {
        List<Reading> readings = read("entitlement-push/stream-batch.json");

        assertEquals(9, readings.size());
        assertEquals(
                List.of(
                        new Membership("member-ada", DEFAULT_PARTNER),
                        new Membership("member-grace", DEFAULT_PARTNER),
                        new Membership("member-alan", DEFAULT_PARTNER),
                        new Membership("member-linus", DEFAULT_PARTNER),
                        new Membership("member-grace", CREATOR)),
                readings.stream()
                        .map(reading -> ((Change) reading).membership())
                        .distinct()
                        .toList());
    }

    @Test
    void aMissingRecordIsMalformedNotAnError() {
        assertEquals(new Malformed("empty record"), StreamRecordReader.read(null));
    }
}
