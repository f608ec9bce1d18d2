package org.openaccess.partner.reconcile;

import java.util.Optional;

/**
 * How far one scan segment of the pass in progress got.
 *
 * @param cursor where it resumes ({@code LinkStore.linkedUsers}'s cursor of that segment; empty = its start)
 * @param done it reached its end in this pass
 */
public record SegmentProgress(Optional<String> cursor, boolean done) {
    public static final SegmentProgress START = new SegmentProgress(Optional.empty(), false);
    public static final SegmentProgress DONE = new SegmentProgress(Optional.empty(), true);

    static SegmentProgress at(String cursor) {
        return new SegmentProgress(Optional.of(cursor), false);
    }
}
