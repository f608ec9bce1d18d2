package org.openaccess.partner.core.storage;

/**
 * DynamoDB could not be read or written (throttled, unreachable, misconfigured table). The message names
 * the operation, the table and AWS's error code, never an item value, so it is safe to log.
 */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
