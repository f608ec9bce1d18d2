package org.openaccess.partner.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;

class JwtSessionVerifierTest {
    private static final String SESSION_KEY = "local-session-key-0123456789abcdef0123";
    private static final SecretSource SECRETS = new EnvironmentSecretSource(Map.of(
            "SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2",
            "PARTNER_SESSION_KEY", SESSION_KEY,
            "PUID_KEY", "local-puid-key-0123456789abcdef012345"));
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static KeyPair rsa;
    private static KeyPair ec;
    private static KeyPair otherEc;
    private static HttpServer jwksServer;
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

    @BeforeAll
    static void startJwksServer() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
        otherEc = ecGenerator.generateKeyPair();
        String jwks = "{\"keys\":["
                + Jwks.json(Jwks.builder()
                        .key((RSAPublicKey) rsa.getPublic())
                        .id("rsa-1")
                        .build()) + ","
                + Jwks.json(Jwks.builder()
                        .key((ECPublicKey) ec.getPublic())
                        .id("ec-1")
                        .build()) + ","
                // An EC key filed under the id an RS256 token will name: the type must still be refused.
                + Jwks.json(Jwks.builder()
                        .key((ECPublicKey) otherEc.getPublic())
                        .id("confused")
                        .build()) + "]}";
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
    }

    @AfterAll
    static void stop() {
        jwksServer.stop(0);
    }

    private static URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json");
    }

    private static JwtSessionVerifier verifier(Optional<URI> jwks) {
        return new JwtSessionVerifier(SECRETS, jwks, HttpClient.newHttpClient(), new MovingClock(NOW));
    }

    private static SessionCheck check(String token) {
        return verifier(Optional.of(jwksUrl())).verify(Optional.of(token));
    }

    /** A token for {@code subject}, valid ten more minutes, that names {@code keyId} as the key it is signed with. */
    private static <K extends Key> String signedNaming(
            String keyId, String subject, K key, SecureDigestAlgorithm<? super K, ?> algorithm) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject(subject)
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(key, algorithm)
                .compact();
    }

    private static String reason(SessionCheck check) {
        return assertInstanceOf(SessionCheck.Invalid.class, check).reason();
    }

    @Test
    void acceptsAnHs256SessionFromThePartnerLogin() {
        String token = SessionTokens.issue(SESSION_KEY, "member-1042", NOW.minusSeconds(60), Duration.ofHours(1));
        SessionCheck.Valid valid = assertInstanceOf(SessionCheck.Valid.class, check(token));
        assertEquals("member-1042", valid.session().userId());
        assertEquals(
                NOW.minusSeconds(60).plus(Duration.ofHours(1)), valid.session().expiresAt());
    }

    @Test
    void noCookieMeansLogIn() {
        assertInstanceOf(SessionCheck.Missing.class, check(" "));
        assertInstanceOf(SessionCheck.Missing.class, verifier(Optional.empty()).verify(Optional.empty()));
    }

    @Test
    void refusesAnExpiredSessionButAllowsSmallClockSkew() {
        String expired =
                SessionTokens.issue(SESSION_KEY, "member-1", NOW.minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertEquals("expired", reason(check(expired)));
        String justExpired = SessionTokens.issue(SESSION_KEY, "member-1", NOW.minusSeconds(70), Duration.ofSeconds(60));
        assertInstanceOf(SessionCheck.Valid.class, check(justExpired));
    }

    @Test
    void refusesASessionWithoutExp() {
        String token = Jwts.builder()
                .subject("member-1")
                .signWith(SessionTokens.key(SESSION_KEY), Jwts.SIG.HS256)
                .compact();
        assertEquals("no exp", reason(check(token)));
    }

    @Test
    void refusesASessionWithoutSub() {
        String token = Jwts.builder()
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(SessionTokens.key(SESSION_KEY), Jwts.SIG.HS256)
                .compact();
        assertEquals("no sub", reason(check(token)));
    }

    @Test
    void refusesAForgedSessionSignedWithAnotherKey() {
        String forged =
                SessionTokens.issue("attacker-key-0123456789abcdef0123456", "member-1", NOW, Duration.ofHours(1));
        assertEquals("bad signature", reason(check(forged)));
    }

    @Test
    void refusesATamperedSubject() {
        String token = SessionTokens.issue(SESSION_KEY, "member-1", NOW, Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("member-1", "member-2");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertEquals("bad signature", reason(check(tampered)));
    }

    @Test
    void refusesAlgNone() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(
                        ("{\"sub\":\"member-1\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}")
                                .getBytes(StandardCharsets.UTF_8))
                + ".";
        SessionCheck check = check(unsigned);
        assertInstanceOf(SessionCheck.Invalid.class, check);
    }

    @Test
    void refusesHs256SignedWithThePublicRsaKeyAsSecret() {
        // The classic confusion: an attacker HMACs with the (public) RSA key, hoping it is used as the secret.
        PublicKey publicKey = rsa.getPublic();
        String confused = signedNaming(
                "rsa-1", "member-1", new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"), Jwts.SIG.HS256);
        assertEquals("bad signature", reason(check(confused)));
    }

    @Test
    void refusesOtherHmacAlgorithms() {
        String hs512 = Jwts.builder()
                .subject("member-1")
                .expiration(Date.from(NOW.plusSeconds(600)))
                .signWith(
                        new SecretKeySpec((SESSION_KEY + SESSION_KEY).getBytes(StandardCharsets.UTF_8), "HmacSHA512"),
                        Jwts.SIG.HS512)
                .compact();
        assertInstanceOf(SessionCheck.Invalid.class, check(hs512));
    }

    @Test
    void acceptsRs256AndEs256FromTheJwks() {
        String rs = signedNaming("rsa-1", "sso-user-7", rsa.getPrivate(), Jwts.SIG.RS256);
        String es = signedNaming("ec-1", "sso-user-8", ec.getPrivate(), Jwts.SIG.ES256);
        JwtSessionVerifier verifier = verifier(Optional.of(jwksUrl()));
        int fetchesBefore = JWKS_FETCHES.get();
        assertEquals(
                "sso-user-7",
                assertInstanceOf(SessionCheck.Valid.class, verifier.verify(Optional.of(rs)))
                        .session()
                        .userId());
        assertEquals(
                "sso-user-8",
                assertInstanceOf(SessionCheck.Valid.class, verifier.verify(Optional.of(es)))
                        .session()
                        .userId());
        assertEquals(fetchesBefore + 1, JWKS_FETCHES.get(), "the JWKS is fetched once and cached");
    }

    @Test
    void refusesAKeyOfTheWrongTypeForTheAlgorithm() {
        String rsNamingEcKey = signedNaming("confused", "member-1", rsa.getPrivate(), Jwts.SIG.RS256);
        assertEquals("key type does not fit RS256", reason(check(rsNamingEcKey)));
    }

    @Test
    void refusesAnUnknownKeyId() {
        String token = signedNaming("rotated-away", "member-1", rsa.getPrivate(), Jwts.SIG.RS256);
        assertEquals("unknown key id", reason(check(token)));
    }

    @Test
    void anUnknownKeyIdRefetchesTheJwksAtMostOnceAMinute() {
        MovingClock clock = new MovingClock(NOW);
        JwtSessionVerifier verifier =
                new JwtSessionVerifier(SECRETS, Optional.of(jwksUrl()), HttpClient.newHttpClient(), clock);
        String unknown = signedNaming("not-yet-published", "member-1", rsa.getPrivate(), Jwts.SIG.RS256);
        int before = JWKS_FETCHES.get();
        verifier.verify(Optional.of(unknown));
        verifier.verify(Optional.of(unknown));
        assertEquals(before + 1, JWKS_FETCHES.get(), "a burst of unknown ids does not hammer the identity provider");
        clock.advance(Duration.ofSeconds(61));
        assertEquals("unknown key id", reason(verifier.verify(Optional.of(unknown))));
        assertEquals(before + 2, JWKS_FETCHES.get(), "after a minute the provider may have rotated: fetched again");
    }

    @Test
    void refusesRs256WhenNoJwksIsConfigured() {
        String token = signedNaming("rsa-1", "member-1", rsa.getPrivate(), Jwts.SIG.RS256);
        String reason = reason(verifier(Optional.empty()).verify(Optional.of(token)));
        assertTrue(reason.contains("PARTNER_SESSION_JWKS_URL"), reason);
    }

    @Test
    void refusesGarbageAndOversizedCookiesWithReasonsThatNeverQuoteThem() {
        String garbage = "not-a-jwt-secret-looking-value";
        String reason = reason(check(garbage));
        assertFalse(reason.contains(garbage), reason);
        assertEquals("token too long", reason(check("a".repeat(5000))));
    }

    /** A sub the stores cannot key by, or that breaks a log line or a header, is not a session. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "listener-\u0000",
                "listener-\n-1",
                "listener-\t",
                "listener-\u007F",
                "listener-\u0085",
                "listener-\u2028",
                "listener-\u2029",
                "listener-\uD800",
                "listener-\uDC00x"
            })
    void aSubWithAControlCharacterOrALoneSurrogateIsInvalid(String subject) {
        String token = SessionTokens.issue(SESSION_KEY, subject, NOW, Duration.ofHours(1));
        assertInstanceOf(SessionCheck.Invalid.class, verifier(Optional.empty()).verify(Optional.of(token)));
    }

    @Test
    void aSubLongerThan512Utf8BytesIsInvalidAndOneOf512IsValid() {
        String atLimit = "é".repeat(256);
        String over = "é".repeat(256) + "x";
        assertInstanceOf(
                SessionCheck.Valid.class,
                verifier(Optional.empty())
                        .verify(Optional.of(SessionTokens.issue(SESSION_KEY, atLimit, NOW, Duration.ofHours(1)))));
        SessionCheck.Invalid invalid = assertInstanceOf(
                SessionCheck.Invalid.class,
                verifier(Optional.empty())
                        .verify(Optional.of(SessionTokens.issue(SESSION_KEY, over, NOW, Duration.ofHours(1)))));
        assertFalse(invalid.reason().contains(over), "the reason never quotes the sub");
    }
}
