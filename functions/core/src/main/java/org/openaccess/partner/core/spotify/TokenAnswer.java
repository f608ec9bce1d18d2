package org.openaccess.partner.core.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one answer of the token endpoint. Fronts sometimes answer with HTML, so nothing is assumed:
 * 429/5xx and anything that is not the expected JSON become {@link SpotifyUnavailableException};
 * an OAuth {@code error} becomes {@link AccountsRejectedException}.
 */
record TokenAnswer(String accessToken, Optional<String> refreshToken, Instant expiresAt, String scope) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TokenAnswer read(HttpResponse<String> response, Clock clock)
            throws AccountsRejectedException, SpotifyUnavailableException {
        return read(response.statusCode(), response.headers(), response.body(), clock);
    }

    static TokenAnswer read(int status, HttpHeaders headers, String text, Clock clock)
            throws AccountsRejectedException, SpotifyUnavailableException {
        if (status == 429 || status >= 500) {
            throw new SpotifyUnavailableException(
                    "Spotify Accounts answered " + status, status, RetryAfter.from(headers, clock), null);
        }
        JsonNode body = jsonObject(text)
                .orElseThrow(() -> new SpotifyUnavailableException(
                        "Spotify Accounts answered " + status + " without a JSON body",
                        status,
                        Optional.empty(),
                        null));
        if (status != 200) {
            String error = body.path("error").asText("");
            if (error.isEmpty()) {
                throw new SpotifyUnavailableException(
                        "Spotify Accounts answered " + status + " without an error code",
                        status,
                        Optional.empty(),
                        null);
            }
            throw new AccountsRejectedException(
                    error, body.path("error_description").asText(""));
        }
        return success(body, clock);
    }

    private static TokenAnswer success(JsonNode body, Clock clock) throws SpotifyUnavailableException {
        String accessToken = body.path("access_token").asText("");
        String tokenType = body.path("token_type").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (accessToken.isEmpty() || !"bearer".equals(tokenType.toLowerCase(Locale.ROOT)) || expiresIn <= 0) {
            throw new SpotifyUnavailableException(
                    "Spotify Accounts answered 200 without a usable bearer token", 200, Optional.empty(), null);
        }
        String refresh = body.path("refresh_token").asText("");
        return new TokenAnswer(
                accessToken,
                refresh.isEmpty() ? Optional.empty() : Optional.of(refresh),
                clock.instant().plusSeconds(expiresIn),
                body.path("scope").asText(""));
    }

    private static Optional<JsonNode> jsonObject(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TokenAnswer[scope=" + scope + ", expiresAt=" + expiresAt + "]";
    }
}
