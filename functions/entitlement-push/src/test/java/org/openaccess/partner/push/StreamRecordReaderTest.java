package org.openaccess.partner.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.push.StreamRecordReader.Change;
import org.openaccess.partner.push.StreamRecordReader.Malformed;
import org.openaccess.partner.push.StreamRecordReader.Reading;
import org.openaccess.partner.testkit.LambdaEvents;

/** Which user each stream record is about, read from the batches Lambda delivers (events/entitlement-push). */
class StreamRecordReaderTest {

    private static List<Reading> read(String file) {
        DynamodbEvent event = LambdaEvents.dynamodbEvent(file);
        return event.getRecords().stream().map(StreamRecordReader::read).toList();
    }

    @Test
    void eachBadRecordIsNamedForWhatIsWrongAndTheGoodOnesKeepTheirUserAndPosition() {
        assertEquals(
                List.of(
                        new Change("member-ada", "700000000000000000001"),
                        new Malformed("no userId key"),
                        new Malformed("userId key is not a non-empty string"),
                        new Malformed("unknown eventName"),
                        new Malformed("no dynamodb section"),
                        new Malformed("no SequenceNumber"),
                        new Change("member-grace", "700000000000000000007")),
                read("entitlement-push/malformed-records.json"));
    }

    @Test
    void everyRecordOfAnOrdinaryBatchIsAChangeOfItsUser() {
        List<Reading> readings = read("entitlement-push/stream-batch.json");

        assertEquals(8, readings.size());
        assertEquals(
                List.of("member-ada", "member-grace", "member-alan", "member-linus"),
                readings.stream()
                        .map(reading -> ((Change) reading).userId())
                        .distinct()
                        .toList());
    }

    @Test
    void aMissingRecordIsMalformedNotAnError() {
        assertEquals(new Malformed("empty record"), StreamRecordReader.read(null));
    }
}
