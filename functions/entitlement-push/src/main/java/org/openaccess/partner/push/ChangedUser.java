package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * One user changed in a batch, however many records the batch holds for them: one sync covers them all,
 * because a sync sends the current set. {@code firstSequenceNumber} is where Lambda must resume if this
 * user cannot be synced; users are kept in the order of their first record.
 */
record ChangedUser(String userId, String firstSequenceNumber, int records) {

    /** Groups the batch by user in first-record order; malformed records are logged and skipped. */
    static List<ChangedUser> group(List<DynamodbStreamRecord> records, JsonLog log) {
        Map<String, ChangedUser> byUser = new LinkedHashMap<>();
        for (int position = 0; position < records.size(); position++) {
            DynamodbStreamRecord record = records.get(position);
            switch (StreamRecordReader.read(record)) {
                case StreamRecordReader.Change change ->
                    byUser.merge(
                            change.userId(),
                            new ChangedUser(change.userId(), change.sequenceNumber(), 1),
                            (first, next) ->
                                    new ChangedUser(first.userId(), first.firstSequenceNumber(), first.records() + 1));
                case StreamRecordReader.Malformed malformed ->
                    log.warn(
                            "skipped malformed stream record",
                            "reason",
                            malformed.reason(),
                            "position",
                            position,
                            "eventID",
                            record == null ? null : record.getEventID());
            }
        }
        return new ArrayList<>(byUser.values());
    }
}
