package org.openaccess.partner.local.lambda;

import java.lang.reflect.InvocationTargetException;

/** Instantiates a handler class named by a SAM {@code Handler} property, once, as Lambda's init phase does. */
public final class HandlerClasses {

    private HandlerClasses() {}

    /** {@code handler} is {@code com.example.Handler} or {@code com.example.Handler::handleRequest}. */
    public static <T> T instantiate(String handler, Class<T> expected) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Class<?> type = Class.forName(className);
            if (!expected.isAssignableFrom(type)) {
                throw new IllegalStateException(className + " is not a " + expected.getSimpleName());
            }
            return expected.cast(type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    "Handler class " + className + " (or a class it needs) is not on the classpath:"
                            + " rebuild with ./run-local --rebuild (" + e + ")",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Handler " + className + " failed its init: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Handler " + className + " cannot be instantiated: " + e, e);
        }
    }
}
