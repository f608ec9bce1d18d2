package org.openaccess.partner.core.secrets;

/** The secret store could not be read (AWS failure or malformed secret). Never carries a secret value. */
public class SecretsUnavailableException extends RuntimeException {
    public SecretsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
