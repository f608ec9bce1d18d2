package org.openaccess.partner.local.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An application/x-www-form-urlencoded body or query string, repeated names kept. */
record FormData(Map<String, List<String>> values) {

    static FormData parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(values);
    }

    Optional<String> first(String name) {
        return values.getOrDefault(name, List.of()).stream().findFirst();
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
