package org.openaccess.partner.core.session;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a session's {@code sub} (the partner's own user id) may be. It becomes the key of the links and
 * entitlements items and the input of the PUID, so a value DynamoDB cannot store, or one that breaks a log
 * line or a header, is refused with the session, before anything is stored or sent to Spotify.
 */
public final class SessionSubject {
    /**
     * At most this many UTF-8 bytes. DynamoDB allows 2048 bytes for a partition key; the stores key their items
     * by the user id (with at most a short prefix of their own), so 512 leaves room for that, and no partner's
     * user ids come near it.
     */
    public static final int MAX_BYTES = 512;

    private SessionSubject() {}

    /** Why {@code subject} cannot be a user id (safe to log: it never quotes the value), or empty when it can. */
    public static Optional<String> problem(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.of("no sub");
        }
        boolean unusable = subject.codePoints().anyMatch(SessionSubject::isUnusable);
        if (unusable) {
            return Optional.of("sub holds a control character, line separator or lone surrogate");
        }
        if (subject.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("sub longer than " + MAX_BYTES + " UTF-8 bytes");
        }
        return Optional.empty();
    }

    /** C0 controls, DEL, C1 controls, U+2028/U+2029, and surrogates that are not part of a pair. */
    private static boolean isUnusable(int codePoint) {
        return codePoint < 0x20
                || (codePoint >= 0x7F && codePoint <= 0x9F)
                || codePoint == 0x2028
                || codePoint == 0x2029
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }
}
