package org.openaccess.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The path table: exact paths, and prefixes followed by one path segment (an id). */
public final class Routes {
    private final Map<String, Route> exact = new LinkedHashMap<>();
    private final Map<String, Route> withId = new LinkedHashMap<>();

    public Routes exact(String path, Route route) {
        exact.put(path, route);
        return this;
    }

    /** {@code prefix} ends with '/'; the route gets the following segment as its path parameter. */
    public Routes withId(String prefix, Route route) {
        withId.put(prefix, route);
        return this;
    }

    Match resolve(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return new Match(route, null);
        }
        for (Map.Entry<String, Route> entry : withId.entrySet()) {
            String prefix = entry.getKey();
            if (path.startsWith(prefix)) {
                String id = path.substring(prefix.length());
                if (!id.isEmpty() && id.indexOf('/') < 0) {
                    return new Match(entry.getValue(), id);
                }
            }
        }
        return null;
    }

    record Match(Route route, String pathParameter) {}
}
