package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.MutableHttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponsesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json | true",
                "application/json, */* | true",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | false",
                "text/html, application/json | false",
                "*/* | false",
            })
    void jsonOnlyForClientsThatAskForItAndNotForHtml(String accept, boolean json) {
        assertEquals(json, ErrorResponses.wantsJson(Optional.of(accept)));
    }

    @Test
    void noAcceptHeaderMeansAPage() {
        assertEquals(false, ErrorResponses.wantsJson(Optional.empty()));
    }

    @Test
    void jsonErrorsCarryCodeMessageAndRetry() {
        MutableHttpResponse<String> response = ErrorResponses.of(
                Failure.of(503, "storage_unavailable", "t", "Try later.").withRetry("/link"),
                Optional.of("application/json"));

        assertEquals(503, response.code());
        assertEquals(
                "{\"error\":\"storage_unavailable\",\"message\":\"Try later.\",\"retry\":\"/link\"}", response.body());
        assertTrue(response.getContentType().orElseThrow().toString().startsWith("application/json"));
    }
}
