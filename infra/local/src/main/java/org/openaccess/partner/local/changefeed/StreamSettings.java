package org.openaccess.partner.local.changefeed;

import java.time.Duration;

/**
 * The event source mapping's knobs: batch size, batching window, retries before a batch goes to the
 * on-failure destination, and the function's timeout.
 */
public record StreamSettings(
        int batchSize,
        Duration batchingWindow,
        int maximumRetryAttempts,
        Duration retryBackoff,
        Duration functionTimeout) {}
