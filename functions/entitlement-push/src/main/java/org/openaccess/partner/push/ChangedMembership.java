package org.openaccess.partner.push;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.observability.JsonLog;

/**
 * One membership (user and partner id) changed in a batch, however many records the batch holds for it: one sync
 * covers them all, because a sync sends the current set. {@code firstSequenceNumber} is where Lambda must resume
 * if this membership cannot be synced; memberships are kept in the order of their first record. The same user at
 * two partners is two memberships: each is synced (and sent to its own partner id) on its own.
 */
record ChangedMembership(Membership membership, String firstSequenceNumber, int records) {

    /** Groups the batch by membership in first-record order; malformed records are logged and skipped. */
    static List<ChangedMembership> group(List<DynamodbStreamRecord> records, JsonLog log) {
        Map<Membership, ChangedMembership> byMembership = new LinkedHashMap<>();
        for (int position = 0; position < records.size(); position++) {
            DynamodbStreamRecord record = records.get(position);
            switch (StreamRecordReader.read(record)) {
                case StreamRecordReader.Change change ->
                    byMembership.merge(
                            change.membership(),
                            new ChangedMembership(change.membership(), change.sequenceNumber(), 1),
                            (first, next) -> new ChangedMembership(
                                    first.membership(), first.firstSequenceNumber(), first.records() + 1));
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
        return new ArrayList<>(byMembership.values());
    }
}
