package org.openaccess.partner.local;

/** A port the stack needs is taken: says which setting names it, so the user can pick another. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(String setting, int port) {
        super("Port " + port + " (" + setting + ") is already in use. Stop whatever listens there"
                + " (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port: " + setting
                + "=<port> ./run-local");
    }
}
