package org.openaccess.partner.core.storage;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Runs one DynamoDB call and turns AWS failures into {@link StorageUnavailableException} whose message names
 * the operation, the table and AWS's error code only. A failed condition is not a failure: it passes through.
 */
public final class DynamoCalls {
    /** DynamoDB's answers for "slow down" (the SDK's own retries exhausted): a wait helps, unlike other failures. */
    static final Set<String> THROTTLING_CODES =
            Set.of("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded");

    private DynamoCalls() {}

    static boolean isThrottling(DynamoDbException e, String code) {
        return THROTTLING_CODES.contains(code) || e.isThrottlingException();
    }

    /**
     * Runs one conditional write: true when it was made, false when its condition failed (an expected answer,
     * not a failure); AWS failures as {@link #run}.
     */
    public static boolean runIf(String operation, String table, Supplier<?> call) {
        try {
            run(operation, table, call);
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }

    public static <T> T run(String operation, String table, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null
                    ? "unknown"
                    : e.awsErrorDetails().errorCode();
            String message = "DynamoDB " + operation + " on " + table + " failed: " + code;
            if (isThrottling(e, code)) {
                throw new StorageThrottledException(message, e);
            }
            throw new StorageUnavailableException(message, e);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "DynamoDB " + operation + " on " + table + " could not be reached", e);
        }
    }
}
