package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.spotify.SpotifyUnavailableException;
import org.openaccess.partner.core.storage.StorageUnavailableException;

/** One place maps what went wrong to what the listener sees. */
class FailuresTest {

    @Test
    void awsAndSpotifyOutagesAre503WithTryAgain() {
        Failure storage =
                Failures.forException(new StorageUnavailableException("DynamoDB GetItem on links failed", null));
        Failure secrets = Failures.forException(new SecretsUnavailableException("no secret", null));
        Failure spotify = Failures.forException(
                new RuntimeException(new SpotifyUnavailableException("503", 503, Optional.empty(), null)));

        assertEquals(503, storage.status());
        assertEquals("storage_unavailable", storage.code());
        assertEquals("secrets_unavailable", secrets.code());
        assertEquals("spotify_unavailable", spotify.code());
        assertEquals(Optional.of("/link"), storage.retryPath());
    }

    @Test
    void aFailureExceptionShowsItsOwnFailure() {
        Failure failure = Failure.badRequest("invalid_show_uri", "t", "m");

        assertEquals(failure, Failures.forException(new FailureException(failure)));
    }

    @Test
    void anythingElseIsAPlain500WithoutDetails() {
        Failure failure = Failures.forException(new IllegalStateException("token=abc123"));

        assertEquals(500, failure.status());
        assertEquals("internal_error", failure.code());
        assertFalse(failure.message().contains("abc123"));
    }

    @Test
    void theLogGetsClassNamesNeverMessages() {
        Optional<String> cause = Failures.causeForLog(
                new IllegalStateException("code=secret-code", new StorageUnavailableException("x", null)));

        assertEquals(Optional.of("exception=IllegalStateException<StorageUnavailableException"), cause);
    }
}
