package org.openaccess.partner.coldstart.measure;

/**
 * One fresh JVM's cold start, on demand.
 *
 * @param initNanos        from process start to the runtime's first {@code /next}: Lambda's "Init Duration"
 * @param firstInvokeNanos the first event's duration
 * @param initConnections  connections to backends opened during init
 * @param firstAnswer      a short description of the first answer (status code, or the error type)
 */
public record ColdStartSample(long initNanos, long firstInvokeNanos, int initConnections, String firstAnswer) {}
