package org.openaccess.emulator.accounts;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for tokens, codes and pages, from {@link SecureRandom}. */
public final class OpaqueIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private OpaqueIds() {}

    /** 256 random bits, base64url without padding. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A Spotify-style 22-character base62 id (about 131 bits). */
    public static String base62Id() {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return id.toString();
    }
}
