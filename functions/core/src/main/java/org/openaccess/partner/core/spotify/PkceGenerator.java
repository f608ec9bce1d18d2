package org.openaccess.partner.core.spotify;

import java.security.SecureRandom;
import java.util.Base64;
import org.openaccess.partner.core.linking.OneWayHash;

/** Makes PKCE pairs (RFC 7636, S256): 32 random bytes -> a 43-character base64url verifier. */
public final class PkceGenerator {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public PkceGenerator(SecureRandom random) {
        this.random = random;
    }

    public Pkce generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String verifier = BASE64URL.encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), the S256 method (a verifier is ASCII: its UTF-8 bytes are the same). */
    public static String challengeOf(String verifier) {
        return BASE64URL.encodeToString(OneWayHash.sha256(verifier));
    }
}
