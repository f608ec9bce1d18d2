package org.openaccess.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parameters of a query string or an {@code application/x-www-form-urlencoded} body. */
public final class FormData {
    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses {@code a=1&b=2}; a broken percent-escape is the caller's 400. */
    public static FormData parse(String encoded, ErrorCodes codes) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return new FormData(values);
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), codes);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), codes);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormData(values);
    }

    private static String decode(String text, ErrorCodes codes) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest(codes.malformed(), "Malformed percent-encoding in parameters");
        }
    }

    /** The single value of a parameter; a repeated parameter is ambiguous and refused (RFC 6749 3.1). */
    public Optional<String> single(String name, ErrorCodes codes) {
        List<String> found = values.get(name);
        if (found == null) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw Rejection.badRequest(codes.malformed(), "Parameter " + name + " must not be repeated");
        }
        return Optional.of(found.get(0));
    }

    /** The value if present and not empty. */
    public Optional<String> nonEmpty(String name, ErrorCodes codes) {
        return single(name, codes).filter(v -> !v.isEmpty());
    }

    /** Which error code a malformed parameter set gets in the caller's protocol. */
    public record ErrorCodes(String malformed) {
        public static final ErrorCodes OAUTH = new ErrorCodes("invalid_request");
        public static final ErrorCodes PAGE = new ErrorCodes("INVALID_REQUEST");
    }
}
