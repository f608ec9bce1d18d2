package org.openaccess.partner.coldstart.runtimeapi;

/** The runtime under test did not follow the protocol in time: it died, failed its init, or never answered. */
public class RuntimeApiException extends Exception {

    public RuntimeApiException(String message) {
        super(message);
    }
}
