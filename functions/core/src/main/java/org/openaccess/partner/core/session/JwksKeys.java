package org.openaccess.partner.core.session;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The partner identity provider's public keys (a JWKS URL), fetched on first use and cached. An unknown
 * key id triggers one re-fetch (the provider may have rotated), at most once a minute.
 */
final class JwksKeys {
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Duration MIN_REFETCH = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** The keys could not be fetched or read; the message is safe to log. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final URI url;
    private final Clock clock;
    private List<Jwk<?>> keys;
    private Instant fetchedAt;

    JwksKeys(HttpClient http, URI url, Clock clock) {
        this.http = http;
        this.url = url;
        this.clock = clock;
    }

    /** The key with this id (or the only key, when the token names none). */
    synchronized Optional<Jwk<?>> find(String keyId) throws Unavailable {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(MAX_AGE))) {
            fetch(now);
        }
        Optional<Jwk<?>> found = lookup(keyId);
        if (found.isEmpty() && !now.isBefore(fetchedAt.plus(MIN_REFETCH))) {
            fetch(now);
            found = lookup(keyId);
        }
        return found;
    }

    private Optional<Jwk<?>> lookup(String keyId) {
        if (keyId == null) {
            return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
        }
        return keys.stream().filter(k -> keyId.equals(k.getId())).findFirst();
    }

    private void fetch(Instant now) throws Unavailable {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("session keys could not be fetched", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while fetching session keys", e);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("session keys URL answered " + response.statusCode(), null);
        }
        try {
            JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(response.body());
            keys = List.copyOf(set.getKeys());
        } catch (RuntimeException e) {
            throw new Unavailable("session keys URL did not answer with a JWK set", null);
        }
        fetchedAt = now;
    }
}
