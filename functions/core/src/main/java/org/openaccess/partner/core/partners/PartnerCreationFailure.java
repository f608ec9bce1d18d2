package org.openaccess.partner.core.partners;

/**
 * Ends an onboarding step (create-partner, a credentials check) with a message for the operator, safe to show: it
 * names slugs, partner ids, names and what to run next, never a secret. {@link Kind} says what went wrong, so that
 * {@code ./admin} can map it to an exit code and the local stack can log it.
 */
public final class PartnerCreationFailure extends RuntimeException {
    /** What the operator has to do about it. */
    public enum Kind {
        /** A call to AWS or Spotify failed, or its outcome is unknown: nothing may be assumed. */
        CALL_FAILED,
        /** Bad input (e.g. a malformed partner id to adopt); nothing was called. */
        BAD_INPUT,
        /** The registry's state forbids it: slug taken, an unfinished create-partner awaiting a decision. */
        CONFLICT,
        /** Spotify refused the call (4xx): nothing changed on Spotify. */
        REFUSED
    }

    private final Kind kind;

    public PartnerCreationFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
