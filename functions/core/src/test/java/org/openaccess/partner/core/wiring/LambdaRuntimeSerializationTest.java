package org.openaccess.partner.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's library is on this module's test classpath (provided scope), as on Lambda. */
class LambdaRuntimeSerializationTest {

    @Test
    void readsAnEventBackAsTheRuntimeHandsItToTheHandler() {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath("/link");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/link");
        event.setQueryStringParameters(Map.of("spotifyShowUri", "spotify:show:priming"));
        event.setRequestContext(context);

        APIGatewayV2HTTPEvent read =
                LambdaRuntimeSerialization.asTheRuntimeReadsIt(event).orElseThrow();

        assertEquals("/link", read.getRawPath());
        assertEquals("GET", read.getRequestContext().getHttp().getMethod());
        assertEquals(Map.of("spotifyShowUri", "spotify:show:priming"), read.getQueryStringParameters());
    }

    @Test
    void writesAnAnswerAsTheRuntimeSendsItToLambda() {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", "https://accounts.example/authorize"))
                .build();

        String json = LambdaRuntimeSerialization.asTheRuntimeWritesIt(answer).orElseThrow();

        assertTrue(json.contains("\"statusCode\":302"), json);
        assertTrue(json.contains("https://accounts.example/authorize"), json);
    }

    @Test
    void writesOurOwnAnswerTypesThroughTheRuntimesSharedMapper() {
        record Report(int users, boolean finished) {}
        // Not one of Lambda's event classes: the runtime falls back to its shared Jackson mapper.
        String json = LambdaRuntimeSerialization.asTheRuntimeWritesIt(new Report(3, true))
                .orElseThrow();

        assertTrue(json.contains("\"users\":3"), json);
    }
}
