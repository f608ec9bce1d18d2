package org.openaccess.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret value the emulator issued or received, so that a test can scan a whole run's logs for them:
 * authorization codes, access and refresh tokens, PKCE verifiers and {@code state} values. It is Spotify's
 * stand-in, holding these values is its job; a partner's logs must never show one. Kept across {@code reset()}
 * (a scan covers the whole run), bounded so a long benchmark does not fill the heap.
 */
public final class IssuedSecrets {
    static final int CAPACITY = 100_000;

    /** What kind of secret a value is. */
    public enum Kind {
        AUTHORIZATION_CODE,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
        CODE_VERIFIER,
        STATE
    }

    /** One value with its kind. */
    public record Secret(Kind kind, String value) {
        @Override
        public String toString() {
            return "Secret[" + kind + "]"; // the value stays out of assertion messages and logs
        }
    }

    private final Map<String, Kind> secrets = new LinkedHashMap<>();

    /** Records a value; blank ones are not secrets. */
    public synchronized void add(Kind kind, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (secrets.size() == CAPACITY && !secrets.containsKey(value)) {
            secrets.remove(secrets.keySet().iterator().next());
        }
        secrets.putIfAbsent(value, kind);
    }

    /** Every value recorded so far, oldest first. */
    public synchronized List<Secret> all() {
        List<Secret> all = new ArrayList<>(secrets.size());
        secrets.forEach((value, kind) -> all.add(new Secret(kind, value)));
        return all;
    }
}
