package org.openaccess.partner.web;

/**
 * Thrown by a service when the request ends in a {@link Failure} the listener must see. Mapped to a page or a
 * JSON error in one place ({@link FailureHandler}). The message is the stable error code only.
 */
public class FailureException extends RuntimeException {
    private final transient Failure failure;

    public FailureException(Failure failure) {
        super(failure.code(), null, false, false);
        this.failure = failure;
    }

    public FailureException(Failure failure, Throwable cause) {
        super(failure.code(), cause, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
