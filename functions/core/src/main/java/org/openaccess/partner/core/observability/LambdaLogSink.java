package org.openaccess.partner.core.observability;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * The invocation's logger as a {@link JsonLog.Sink}. The level goes along with the line, so the function's
 * {@code LoggingConfig} (JSON format, application log level) filters and labels it.
 */
public record LambdaLogSink(LambdaLogger logger) implements JsonLog.Sink {

    /** A {@link JsonLog} writing to the invocation's logger. */
    public static JsonLog jsonLog(LambdaLogger logger) {
        return new JsonLog(new LambdaLogSink(logger));
    }

    @Override
    public void write(String line, String level) {
        logger.log(line, LogLevel.valueOf(level));
    }
}
