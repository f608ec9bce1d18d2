package org.openaccess.partner.core.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Open Access payloads as a compact JWS: header exactly {"alg":"HS256","typ":"JWT"}, key = the
 * client secret's UTF-8 bytes. The payload JSON is serialized here in the caller's field order (not by
 * jjwt's claims serializer) so the output is byte-for-byte stable and matches Spotify's example.
 */
public final class JwsSigner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwsSigner() {}

    /** {@code fields} in the order they should appear (use a LinkedHashMap or Map.of for one field). */
    public static String sign(Map<String, ?> fields, String clientSecret) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload fields are not serializable to JSON", e);
        }
        return signPayload(payload, clientSecret);
    }

    /** Signs an already serialized JSON payload. */
    public static String signPayload(byte[] payloadJson, String clientSecret) {
        // jjwt keeps header fields in insertion order and would put typ before alg: name alg first.
        return Jwts.builder()
                .header()
                .add("alg", "HS256")
                .add("typ", "JWT")
                .and()
                .content(payloadJson)
                .signWith(keyOf(clientSecret), Jwts.SIG.HS256)
                .compact();
    }

    static SecretKey keyOf(String clientSecret) {
        return new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
