package org.openaccess.partner.coldstart.bench;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The benchmarks' classpath holds several functions, and Micronaut would start every controller and singleton
 * it finds. A deployed jar holds one function, so each benchmark's context is given this loader: it loads the
 * same classes, but hides the other functions' Micronaut bean definitions ({@code META-INF/micronaut}).
 */
final class OneFunctionClassLoader extends ClassLoader {

    private static final List<String> FUNCTIONS = List.of("entrypoint", "callback", "unlink");

    private final String function;

    OneFunctionClassLoader(String function) {
        super(OneFunctionClassLoader.class.getClassLoader());
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException(function);
        }
        this.function = function;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = Collections.list(super.getResources(name));
        if (name.startsWith("META-INF/micronaut")) {
            urls.removeIf(this::belongsToAnotherFunction);
        }
        return Collections.enumeration(urls);
    }

    /** A reactor build's classes directory, or the module's jar. */
    private boolean belongsToAnotherFunction(URL url) {
        String where = url.toString();
        return FUNCTIONS.stream()
                .filter(other -> !other.equals(function))
                .anyMatch(other -> where.contains("/functions/" + other + "/target/")
                        || where.contains("/org/openaccess/partner/" + other + "/"));
    }

    /** Fails unless the context holds no bean of another function (the loader did its job). */
    void assertOnlyItsFunction(ApplicationContext context) {
        List<String> foreign = context.getAllBeanDefinitions().stream()
                .map(definition -> definition.getBeanType().getName())
                .filter(type -> FUNCTIONS.stream()
                        .filter(other -> !other.equals(function))
                        .anyMatch(other -> type.startsWith("org.openaccess.partner." + other + ".")))
                .toList();
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("the " + function + " context holds other functions' beans: " + foreign);
        }
    }
}
