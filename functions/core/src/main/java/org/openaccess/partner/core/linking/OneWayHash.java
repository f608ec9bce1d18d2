package org.openaccess.partner.core.linking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256, base64url without padding: how a state value and a browser-binding nonce are stored, so that the
 * table never holds a value that would let someone finish another listener's flow.
 */
public final class OneWayHash {
    private OneWayHash() {}

    public static String of(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(value));
    }

    /** SHA-256 of the text's UTF-8 bytes: also what a CSP hash source and a PKCE S256 challenge are made of. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares in time independent of where the values differ. */
    public static boolean matches(String value, String expectedHash) {
        return MessageDigest.isEqual(
                of(value).getBytes(StandardCharsets.US_ASCII), expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
