package org.openaccess.partner.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.partner.web.Failure;
import org.openaccess.partner.web.FailureException;

/** The show a link may highlight: Spotify's show URI exactly, or none; anything else is the listener's 400. */
class ShowUriTest {

    @Test
    void aShowUriIsKept() {
        assertEquals(
                Optional.of("spotify:show:4rOoJ6Egrf8K2IrywzwOMk"),
                LinkStart.validShowUri(Optional.of("spotify:show:4rOoJ6Egrf8K2IrywzwOMk")));
    }

    @Test
    void noParameterOrAnEmptyOneMeansNoShow() {
        assertEquals(Optional.empty(), LinkStart.validShowUri(Optional.empty()));
        assertEquals(Optional.empty(), LinkStart.validShowUri(Optional.of("")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "spotify:show:4rOoJ6Egrf8K2IrywzwOM", // 21 characters
                "spotify:show:4rOoJ6Egrf8K2IrywzwOMkk", // 23
                "spotify:episode:4rOoJ6Egrf8K2IrywzwOMk",
                "https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk",
                "spotify:show:4rOoJ6Egrf8K2Iryw-wOMk",
                "spotify:show:4rOoJ6Egrf8K2IrywzwOMk\n",
                "spotify:show:4rOoJ6Egrf8K2IrywzwOMk&return=https://evil.example"
            })
    void anythingElseIsABadRequestWithItsOwnCode(String parameter) {
        Failure failure = assertThrows(FailureException.class, () -> LinkStart.validShowUri(Optional.of(parameter)))
                .failure();

        assertEquals(400, failure.status());
        assertEquals("invalid_show_uri", failure.code());
    }
}
