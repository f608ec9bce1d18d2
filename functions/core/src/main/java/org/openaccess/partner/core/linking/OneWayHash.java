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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
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
