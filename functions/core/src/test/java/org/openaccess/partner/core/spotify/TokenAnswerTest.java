package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.MovingClock;

/** Answers of the token endpoint the emulator does not send (lowercase token type, odd bodies), read as bytes. */
class TokenAnswerTest {
    private static final MovingClock CLOCK = new MovingClock(Instant.parse("2026-11-26T12:00:00Z"));
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    @Test
    void aLowercaseBearerTokenTypeIsAccepted() throws Exception {
        TokenAnswer answer = TokenAnswer.read(
                200,
                NONE,
                "{\"access_token\":\"at\",\"token_type\":\"bearer\",\"expires_in\":3600,\"scope\":\"soa-manage-entitlements\"}",
                CLOCK);
        assertEquals("at", answer.accessToken());
        assertEquals(Optional.empty(), answer.refreshToken());
        assertEquals(CLOCK.instant().plusSeconds(3600), answer.expiresAt());
    }

    @Test
    void aTokenOfAnotherTypeIsNotUsable() {
        assertThrows(
                SpotifyUnavailableException.class,
                () -> TokenAnswer.read(
                        200, NONE, "{\"access_token\":\"at\",\"token_type\":\"mac\",\"expires_in\":3600}", CLOCK));
    }

    @Test
    void a200ThatIsNotJsonIsUnavailable() {
        SpotifyUnavailableException e = assertThrows(
                SpotifyUnavailableException.class,
                () -> TokenAnswer.read(200, NONE, "<html>maintenance</html>", CLOCK));
        assertEquals(200, e.status());
    }

    @Test
    void anErrorStatusWithoutAnErrorCodeIsUnavailable() {
        assertThrows(
                SpotifyUnavailableException.class, () -> TokenAnswer.read(400, NONE, "{\"message\":\"?\"}", CLOCK));
    }

    @Test
    void anErrorCodeOnAnyStatusIsARejection() {
        AccountsRejectedException e = assertThrows(
                AccountsRejectedException.class,
                () -> TokenAnswer.read(
                        401, NONE, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}", CLOCK));
        assertEquals("invalid_client", e.error());
        assertEquals("Invalid client", e.description());
    }
}
