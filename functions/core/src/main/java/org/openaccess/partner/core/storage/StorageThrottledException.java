package org.openaccess.partner.core.storage;

/**
 * DynamoDB answered "slow down" (ProvisionedThroughputExceeded, ThrottlingException, RequestLimitExceeded, or
 * unprocessed keys of a batch that stayed unprocessed): the caller may wait and try again ({@link
 * ThrottlingBackoff}) instead of failing.
 */
public final class StorageThrottledException extends StorageUnavailableException {
    public StorageThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
