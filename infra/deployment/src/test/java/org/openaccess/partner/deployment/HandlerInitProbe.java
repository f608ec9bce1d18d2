package org.openaccess.partner.deployment;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;

/**
 * Runs in a child JVM whose class path is one function's jar plus this class: instantiates the handler the way
 * Lambda's runtime does (public no-arg constructor) and reports on stdout. Exit 0 when the handler is ready,
 * 1 with every message of the failure's cause chain otherwise. Only JDK types, so it adds nothing to the jar.
 */
public final class HandlerInitProbe {
    static final String READY = "handler-ready";
    static final String FAILED = "handler-init-failed";
    static final String JVM_OPTIONS = "jvm-options=";

    private HandlerInitProbe() {}

    public static void main(String[] args) {
        System.out.println(JVM_OPTIONS
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        try {
            Class<?> handler = Class.forName(args[0]);
            handler.getConstructor().newInstance();
            System.out.println(READY);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        } catch (InvocationTargetException e) {
            fail(e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            fail(e);
        }
    }

    private static void fail(Throwable failure) {
        System.out.println(FAILED);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            System.out.println(cause.getClass().getName() + ": " + cause.getMessage());
        }
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }
}
