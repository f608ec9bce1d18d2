package org.openaccess.partner.core.session;

/** What the session cookie says about the request. */
public sealed interface SessionCheck {
    record Valid(PartnerSession session) implements SessionCheck {}

    /** No session cookie at all: the listener has to log in. */
    record Missing() implements SessionCheck {}

    /** A cookie that does not verify (bad signature, expired, no or unusable sub, wrong algorithm). {@code reason} is safe to log. */
    record Invalid(String reason) implements SessionCheck {}
}
