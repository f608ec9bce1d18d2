package org.openaccess.partner.local.demo;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The partner's own login session, as the functions expect it: an HS256 JWT ({@code sub} = partner user id,
 * {@code exp} set) signed with PARTNER_SESSION_KEY and kept in the PARTNER_SESSION_COOKIE cookie.
 */
final class DemoSessions {

    private static final Duration LIFETIME = Duration.ofHours(8);

    private final SecretKey key;
    private final String cookieName;

    DemoSessions(String sessionKey, String cookieName) {
        this.key = Keys.hmacShaKeyFor(sessionKey.getBytes(StandardCharsets.UTF_8));
        this.cookieName = cookieName;
    }

    String cookieName() {
        return cookieName;
    }

    String loginCookie(DemoUser user) {
        Instant now = Instant.now();
        String token = Jwts.builder()
                .subject(user.id())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + LIFETIME.toSeconds();
    }

    String logoutCookie() {
        return cookieName + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    }

    /** The signed-in user, if the request carries a valid, unexpired session cookie. */
    Optional<DemoUser> user(Optional<String> cookieValue) {
        if (cookieValue.isEmpty()) {
            return Optional.empty();
        }
        try {
            String subject = Jwts.parser()
                    .verifyWith(key)
                    .build()
                    .parseSignedClaims(cookieValue.get())
                    .getPayload()
                    .getSubject();
            return subject == null ? Optional.empty() : DemoUser.byId(subject);
        } catch (JwtException | IllegalArgumentException invalidOrExpired) {
            return Optional.empty();
        }
    }
}
