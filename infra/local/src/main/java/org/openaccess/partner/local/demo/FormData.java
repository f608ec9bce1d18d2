package org.openaccess.partner.local.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.testkit.HttpEvents;

/** An application/x-www-form-urlencoded body or query string, repeated names kept. */
record FormData(Map<String, List<String>> values) {

    static FormData parse(String encoded) {
        return new FormData(HttpEvents.formPairs(encoded));
    }

    Optional<String> first(String name) {
        return values.getOrDefault(name, List.of()).stream().findFirst();
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
