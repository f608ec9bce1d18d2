package org.openaccess.partner.core.linking;

/**
 * One part of a parallel scan of the links table (DynamoDB's Segment / TotalSegments): the segments of one
 * {@code total} are disjoint and together hold every link, so that several workers can page through them at once,
 * each resuming at its own cursor.
 */
public record ScanSegment(int index, int total) {
    /** DynamoDB's limit on TotalSegments. */
    public static final int MAX_TOTAL = 1_000_000;
    /** The whole table as one segment. */
    public static final ScanSegment WHOLE = new ScanSegment(0, 1);

    public ScanSegment {
        if (total < 1 || total > MAX_TOTAL || index < 0 || index >= total) {
            throw new IllegalArgumentException("segment " + index + " of " + total + " does not exist");
        }
    }
}
