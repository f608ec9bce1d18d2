package org.openaccess.partner.admin;

/** The exit codes of {@code ./admin}, documented in docs/admin.md; scripts branch on them. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** A call to AWS or Spotify failed, or its outcome is unknown (timeout, 5xx): nothing may be assumed. */
    public static final int FAILED = 1;
    /** Bad input: an unknown option, a malformed slug or name, an unreadable or unfit image. Nothing was called. */
    public static final int USAGE = 2;
    /** The registry's state forbids it: slug taken, an unfinished create-partner awaiting a decision, no such partner. */
    public static final int CONFLICT = 3;
    /** Spotify refused the call (4xx): nothing changed on Spotify. */
    public static final int REFUSED = 4;

    /** inspect-user: a membership drifts from Spotify's copy, or Spotify no longer has its link. */
    public static final int NOT_IN_SYNC = 5;

    private ExitCodes() {}
}
