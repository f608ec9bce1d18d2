package org.openaccess.partner.core.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the secret's JSON document; errors name the missing keys, never a value. */
final class SecretJson {
    static final String CLIENT_SECRET = "client_secret";
    static final String SESSION_KEY = "session_key";
    static final String PUID_KEY = "puid_key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretJson() {}

    static PartnerSecrets parse(String secretId, String secretString) {
        if (secretString == null) {
            throw new SecretsUnavailableException(
                    "Secret " + secretId + " holds no SecretString (binary secrets are not supported)", null);
        }
        JsonNode document;
        try {
            document = JSON.readTree(secretString);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input: drop it, it is the secret.
            throw new SecretsUnavailableException("Secret " + secretId + " is not a JSON object", null);
        }
        if (document == null || !document.isObject()) {
            throw new SecretsUnavailableException("Secret " + secretId + " is not a JSON object", null);
        }
        List<String> missing = new ArrayList<>();
        String clientSecret = text(document, CLIENT_SECRET, missing);
        String sessionKey = text(document, SESSION_KEY, missing);
        String puidKey = text(document, PUID_KEY, missing);
        if (!missing.isEmpty()) {
            throw new SecretsUnavailableException(
                    "Secret " + secretId + " lacks a non-empty text value for " + String.join(", ", missing), null);
        }
        return new PartnerSecrets(clientSecret, sessionKey, puidKey);
    }

    private static String text(JsonNode document, String key, List<String> missing) {
        JsonNode value = document.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            missing.add(key);
            return null;
        }
        return value.asText();
    }
}
