package org.openaccess.emulator.openaccess;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openaccess.emulator.http.Rejection;

/**
 * A compact JWS as Open Access receives it: {@code header.payload.signature}, HS256 only, keyed
 * with the client secret's UTF-8 bytes. Parsing and verifying are separate so the endpoint can
 * check partner ownership in the order Spotify does, before the signature.
 */
public final class CompactJws {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String signingInput;
    private final byte[] signature;
    private final ObjectNode payload;

    private CompactJws(String signingInput, byte[] signature, ObjectNode payload) {
        this.signingInput = signingInput;
        this.signature = signature;
        this.payload = payload;
    }

    /** Splits and decodes; anything but a well-formed HS256 JWS with a JSON object payload is a 400. */
    public static CompactJws parse(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("Body must be a compact JWS: three base64url parts separated by '.', found " + parts.length
                    + " part(s)");
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                throw malformed("Each JWS part must be non-empty unpadded base64url");
            }
        }
        JsonNode header = json(parts[0], "header");
        if (!header.isObject()
                || !"HS256".equals(header.path("alg").asText(null))
                || !header.get("alg").isTextual()) {
            throw new Rejection(
                    400, "unsupported_jws_algorithm", "JWS header must be {\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        }
        if (header.has("typ") && !"JWT".equals(header.get("typ").asText(null))) {
            throw new Rejection(400, "malformed_jws", "JWS header typ must be JWT");
        }
        if (header.has("crit")) {
            throw new Rejection(400, "malformed_jws", "JWS header must not carry crit extensions");
        }
        JsonNode payload = json(parts[1], "payload");
        if (!payload.isObject()) {
            throw malformed("JWS payload must be a JSON object");
        }
        return new CompactJws(parts[0] + "." + parts[1], base64Url(parts[2]), (ObjectNode) payload);
    }

    /** HMAC-SHA256 over {@code header.payload} with the key, compared in constant time. */
    public boolean verifies(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return MessageDigest.isEqual(expected, signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public ObjectNode payload() {
        return payload;
    }

    private static JsonNode json(String part, String which) {
        byte[] bytes = base64Url(part);
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw malformed("JWS " + which + " is not valid JSON");
        }
    }

    private static byte[] base64Url(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("JWS part is not valid base64url");
        }
    }

    private static Rejection malformed(String message) {
        return new Rejection(400, "malformed_jws", message);
    }
}
