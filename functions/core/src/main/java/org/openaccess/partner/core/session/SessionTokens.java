package org.openaccess.partner.core.session;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues the partner session token the way a partner's login would: an HS256 JWT signed with
 * {@code session_key}, {@code sub} = the partner's user id, {@code exp} set. For the local demo site and tests.
 */
public final class SessionTokens {
    private SessionTokens() {}

    public static String issue(String sessionKey, String userId, Instant now, Duration ttl) {
        return Jwts.builder()
                .subject(userId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key(sessionKey), Jwts.SIG.HS256)
                .compact();
    }

    /** The HS256 key: the session key's UTF-8 bytes (at least 32 bytes, as HS256 requires). */
    static SecretKey key(String sessionKey) {
        return new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
