package org.openaccess.partner.coldstart.runtimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API's answers to a runtime that gets things wrong, seen over HTTP. */
class LocalRuntimeApiProtocolTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = LocalRuntimeApi.start("probe");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + api.address() + path))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.ExitError")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResponseForARequestIdThatWasNeverHandedOutIsRejected() throws Exception {
        HttpResponse<String> response = post("/2018-06-01/runtime/invocation/not-a-request/response", "{}");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("InvalidRequestID"));
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        assertEquals(404, post("/2018-06-01/runtime/nonsense", "").statusCode());
    }

    @Test
    void anInitErrorStopsTheWaitForTheFirstEventWithTheRuntimesMessage() throws Exception {
        assertEquals(
                202,
                post("/2018-06-01/runtime/init/error", "{\"errorMessage\":\"no handler\"}")
                        .statusCode());

        RuntimeApiException failure =
                assertThrows(RuntimeApiException.class, () -> api.awaitFirstPoll(GENEROUS, () -> true));
        assertTrue(failure.getMessage().contains("Runtime.ExitError"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no handler"), failure.getMessage());
    }

    @Test
    void aDeadRuntimeEndsTheWaitInsteadOfTimingOut() {
        RuntimeApiException failure =
                assertThrows(RuntimeApiException.class, () -> api.awaitFirstPoll(GENEROUS, () -> false));
        assertTrue(failure.getMessage().contains("exited"), failure.getMessage());
    }

    @Test
    void nextHandsOutTheEventWithLambdasHeadersAndTheResponseCompletesTheInvocation() throws Exception {
        CompletableFuture<InvocationResult> invocation = CompletableFuture.supplyAsync(() -> {
            try {
                return api.invoke("{\"n\":1}".getBytes(), GENEROUS, () -> true);
            } catch (RuntimeApiException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> next = http.send(
                HttpRequest.newBuilder(URI.create("http://" + api.address() + "/2018-06-01/runtime/invocation/next"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, next.statusCode());
        assertEquals("{\"n\":1}", next.body());
        String requestId =
                next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertTrue(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").isPresent());
        assertTrue(next.headers()
                .firstValue("Lambda-Runtime-Invoked-Function-Arn")
                .orElseThrow()
                .endsWith(":probe"));

        HttpResponse<String> posted = post("/2018-06-01/runtime/invocation/" + requestId + "/response", "\"done\"");
        assertEquals(202, posted.statusCode());
        InvocationResult result = invocation.get();
        assertEquals("\"done\"", result.bodyText());
        assertEquals(requestId, result.requestId());
    }
}
