package org.openaccess.partner.core.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated values of the partner's session cookie: well signed (for ordinary, over-long, control-character and
 * bookkeeping-colliding subjects), expired, without {@code exp}, signed with another key, {@code alg: none},
 * HS512 and RS256 headers over HMAC, truncated and bit-flipped tokens, and plain garbage. The JWTs are built by
 * hand (header, claims, HMAC) so that every field can be wrong.
 */
public final class SessionCookies {
    public static final String NAME = "partner_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String sessionKey;
    private final Clock clock;

    /** @param clock the deployment's clock: tokens are valid (or expired) at its time */
    public SessionCookies(String sessionKey, Clock clock) {
        this.sessionKey = sessionKey;
        this.clock = clock;
    }

    /** Subjects a partner's login could put in {@code sub}, legitimate or not. */
    public static Arbitrary<String> subjects(String... knownUsers) {
        return Arbitraries.frequencyOf(
                knownUsers.length == 0
                        ? net.jqwik.api.Tuple.of(0, Arbitraries.just("member-0"))
                        : net.jqwik.api.Tuple.of(6, Arbitraries.of(knownUsers)),
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("-_.@")
                                .ofMinLength(1)
                                .ofMaxLength(40)
                                .map(s -> "member-" + s)),
                net.jqwik.api.Tuple.of(2, FuzzText.nasty()),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.of(
                                "#reconcile-cursor",
                                "#",
                                "",
                                " ",
                                "é".repeat(300),
                                "a".repeat(512),
                                "a".repeat(513),
                                "é".repeat(1050),
                                "x".repeat(2049),
                                "listener-\u0000",
                                "listener-\u2028",
                                "listener\r\nSet-Cookie: a=b")));
    }

    /** Session cookie values: a quarter or so are well signed for a subject from {@code subjects}. */
    public Arbitrary<String> values(Arbitrary<String> subjects) {
        Arbitrary<String> signed = subjects.map(sub -> token(header("HS256"), claims(sub, Duration.ofHours(1))));
        Arbitrary<String> expired = subjects.map(sub -> token(header("HS256"), claims(sub, Duration.ofHours(-1))));
        Arbitrary<String> noExpiry = subjects.map(sub -> token(header("HS256"), Map.of("sub", sub)));
        Arbitrary<String> otherKey =
                subjects.map(sub -> token(header("HS256"), claims(sub, Duration.ofHours(1)), "another-key-" + sub));
        Arbitrary<String> algNone = subjects.map(sub -> unsigned(header("none"), claims(sub, Duration.ofHours(1))));
        Arbitrary<String> wrongAlg = Combinators.combine(subjects, Arbitraries.of("HS512", "RS256", "ES256", "hs256"))
                .as((sub, alg) -> token(header(alg), claims(sub, Duration.ofHours(1))));
        Arbitrary<String> subNotAString = Arbitraries.of(
                        Map.<String, Object>of("sub", 42),
                        Map.<String, Object>of("sub", Map.of("id", "member-1")),
                        Map.<String, Object>of("sub", java.util.List.of("a", "b")))
                .map(claims -> {
                    Map<String, Object> all = new LinkedHashMap<>(claims);
                    all.put("exp", clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
                    return token(header("HS256"), all);
                });
        Arbitrary<String> truncated = Combinators.combine(
                        signed, Arbitraries.integers().between(0, 400))
                .as((token, cut) -> token.substring(0, Math.min(cut, token.length())));
        Arbitrary<String> flipped = Combinators.combine(
                        signed, Arbitraries.integers().between(0, 400), FuzzText.chars())
                .as((token, at, c) -> {
                    int i = Math.min(at, token.length() - 1);
                    return token.substring(0, i) + c + token.substring(i + 1);
                });
        Arbitrary<String> hugeSub = Arbitraries.integers()
                .between(3_000, 20_000)
                .map(n -> token(header("HS256"), claims("m".repeat(n), Duration.ofHours(1))));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, signed),
                net.jqwik.api.Tuple.of(1, expired),
                net.jqwik.api.Tuple.of(1, noExpiry),
                net.jqwik.api.Tuple.of(1, otherKey),
                net.jqwik.api.Tuple.of(1, algNone),
                net.jqwik.api.Tuple.of(1, wrongAlg),
                net.jqwik.api.Tuple.of(1, subNotAString),
                net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(2, flipped),
                net.jqwik.api.Tuple.of(1, hugeSub),
                net.jqwik.api.Tuple.of(3, FuzzText.nasty()));
    }

    private Map<String, Object> claims(String subject, Duration validFor) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iat", now.minus(Duration.ofMinutes(1)).getEpochSecond());
        claims.put("exp", now.plus(validFor).getEpochSecond());
        return claims;
    }

    private static Map<String, Object> header(String alg) {
        return Map.of("alg", alg, "typ", "JWT");
    }

    private String token(Map<String, Object> header, Map<String, Object> claims) {
        return token(header, claims, sessionKey);
    }

    private static String token(Map<String, Object> header, Map<String, Object> claims, String key) {
        String signingInput = encode(header) + "." + encode(claims);
        String alg = String.valueOf(header.get("alg"));
        String mac = alg.equals("HS512") ? "HmacSHA512" : "HmacSHA256";
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac));
            return signingInput + "."
                    + B64.encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return encode(header) + "." + encode(claims) + ".";
    }

    private static String encode(Map<String, Object> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
