package org.openaccess.partner.admin;

/** Ends a command with a message for the operator (never a stack trace) and one of {@link ExitCodes}. */
public final class AdminFailure extends RuntimeException {
    private final int exitCode;

    public AdminFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
