package org.openaccess.partner.core.session;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.SignatureException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.openaccess.partner.core.secrets.SecretSource;

/**
 * Verifies the partner session cookie: an HS256 JWT signed with {@code session_key}, or, when
 * PARTNER_SESSION_JWKS_URL is set, an RS256/ES256 JWT signed by a key of that JWKS. {@code exp} and
 * {@code sub} are required, and {@code sub} must be a usable user id ({@link SessionSubject}); 30 seconds of clock skew are allowed. The key is chosen from the header's
 * algorithm, and a key of the wrong type is refused, which closes the algorithm-confusion hole.
 */
public final class JwtSessionVerifier implements SessionVerifier {
    static final long CLOCK_SKEW_SECONDS = 30;
    /** Browsers cap a cookie near 4 KB; anything longer is not a session we issued. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretSource secrets;
    private final Optional<JwksKeys> jwks;
    private final JwtParser parser;

    public JwtSessionVerifier(SecretSource secrets, Optional<URI> jwksUrl, HttpClient http, Clock clock) {
        this.secrets = secrets;
        this.jwks = jwksUrl.map(url -> new JwksKeys(http, url, clock));
        this.parser = Jwts.parser()
                .sig()
                .clear()
                .add(Jwts.SIG.HS256)
                .add(Jwts.SIG.RS256)
                .add(Jwts.SIG.ES256)
                .and()
                .keyLocator(new KeyChoice())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    /** Why a token was refused; the reason never quotes the token. */
    private static final class Refused extends JwtException {
        Refused(String reason) {
            super(reason);
        }
    }

    @Override
    public SessionCheck verify(Optional<String> cookieValue) {
        String token = cookieValue.map(String::trim).orElse("");
        if (token.isEmpty()) {
            return new SessionCheck.Missing();
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new SessionCheck.Invalid("token too long");
        }
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            return new SessionCheck.Invalid("expired");
        } catch (Refused e) {
            return new SessionCheck.Invalid(e.getMessage());
        } catch (SignatureException e) {
            return new SessionCheck.Invalid("bad signature");
        } catch (UnsupportedJwtException e) {
            return new SessionCheck.Invalid("unsupported token (unsigned or unsupported algorithm)");
        } catch (MalformedJwtException e) {
            return new SessionCheck.Invalid("malformed token");
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return new SessionCheck.Invalid("invalid token (" + e.getClass().getSimpleName() + ")");
        }
        if (claims.getExpiration() == null) {
            return new SessionCheck.Invalid("no exp");
        }
        String subject = claims.getSubject();
        Optional<String> unusable = SessionSubject.problem(subject);
        if (unusable.isPresent()) {
            return new SessionCheck.Invalid(unusable.get());
        }
        return new SessionCheck.Valid(
                new PartnerSession(subject, claims.getExpiration().toInstant()));
    }

    /** Picks the verification key from the header's algorithm: never lets the token pick the key type. */
    private final class KeyChoice extends LocatorAdapter<Key> {
        @Override
        protected Key locate(JwsHeader header) {
            String algorithm = header.getAlgorithm();
            if ("HS256".equals(algorithm)) {
                return SessionTokens.key(secrets.current().sessionKey());
            }
            if (!"RS256".equals(algorithm) && !"ES256".equals(algorithm)) {
                throw new Refused("algorithm not accepted");
            }
            JwksKeys keys =
                    jwks.orElseThrow(() -> new Refused("algorithm " + algorithm + " needs PARTNER_SESSION_JWKS_URL"));
            Jwk<?> jwk;
            try {
                jwk = keys.find(header.getKeyId()).orElseThrow(() -> new Refused("unknown key id"));
            } catch (JwksKeys.Unavailable e) {
                throw new Refused(e.getMessage());
            }
            if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(algorithm)) {
                throw new Refused("key is not for " + algorithm);
            }
            Key key = jwk.toKey();
            boolean fits = "RS256".equals(algorithm) ? key instanceof RSAPublicKey : key instanceof ECPublicKey;
            if (!fits) {
                throw new Refused("key type does not fit " + algorithm);
            }
            return key;
        }
    }
}
