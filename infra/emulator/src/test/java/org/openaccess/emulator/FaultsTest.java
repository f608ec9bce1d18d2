package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

class FaultsTest {
    static final String PUID = "00000000000000f1";

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @BeforeEach
    void link() {
        EMULATOR.emulator().addLink(SpotifyCaller.PARTNER, PUID, "ada", List.of("basic"));
    }

    private static HttpResponse<String> replace(String entitlement) {
        return spotify.replaceEntitlements(PUID, entitlement);
    }

    @Test
    void rateLimitForTheNextTwoCallsThenNormal() {
        EMULATOR.emulator()
                .faults()
                .inject(
                        "replace-entitlements",
                        Fault.rateLimited(Duration.ofSeconds(7)).times(2));

        HttpResponse<String> first = replace("premium");
        HttpResponse<String> second = replace("premium");
        HttpResponse<String> third = replace("premium");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(SpotifyCaller.errorCode(first)).isEqualTo("rate_limited");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(spotify.entitlements(PUID)).containsExactly("premium");
    }

    @Test
    void aFaultedCallIsNotApplied() {
        EMULATOR.emulator()
                .faults()
                .inject("replace-entitlements", Fault.status(500).times(1));

        assertThat(replace("premium").statusCode()).isEqualTo(500);

        assertThat(spotify.entitlements(PUID)).containsExactly("basic");
        assertThat(spotify.lastVerdict("replace-entitlements")).isEqualTo("fault: status 500");
    }

    @Test
    void frontStatusesComeAsHtmlLikeSpotifysFronts() {
        EMULATOR.emulator().faults().inject("token", Fault.status(503).times(1));

        HttpResponse<String> response = spotify.token(java.util.Map.of("grant_type", "client_credentials"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    }

    @Test
    void faultsHitOnlyTheirEndpoint() {
        EMULATOR.emulator().faults().inject("add-entitlements", Fault.status(503));

        assertThat(replace("premium").statusCode()).isEqualTo(200);
        assertThat(spotify.signed(
                                "add-entitlements",
                                spotify.entitlementsToken(),
                                SpotifyCaller.payload(PUID, List.of("x")))
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    void aFractionHitsCallsEvenly() {
        EMULATOR.emulator()
                .faults()
                .inject("replace-entitlements", Fault.status(503).fraction(0.5));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(replace("premium").statusCode());
        }

        assertThat(statuses).containsExactly(200, 503, 200, 503, 200, 503);
    }

    @Test
    void aDroppedConnectionGivesTheClientAnIoErrorAndChangesNothing() {
        EMULATOR.emulator()
                .faults()
                .inject("replace-entitlements", Fault.dropConnection().times(1));

        assertThatThrownBy(() -> replace("premium")).isInstanceOf(UncheckedIOException.class);

        assertThat(spotify.entitlements(PUID)).containsExactly("basic");
        assertThat(EMULATOR.emulator().calls("replace-entitlements").getLast()).satisfies(call -> {
            assertThat(call.status()).isZero();
            assertThat(call.verdict()).isEqualTo("fault: dropped connection");
        });
        assertThat(replace("premium").statusCode()).isEqualTo(200);
    }

    @Test
    void latencyDelaysButDoesNotChangeTheAnswer() {
        EMULATOR.emulator()
                .faults()
                .inject(
                        "get-entitlements",
                        Fault.latency(Duration.ofMillis(300)).times(1));

        long started = System.nanoTime();
        HttpResponse<String> response =
                spotify.signed("get-entitlements", spotify.entitlementsToken(), SpotifyCaller.payload(PUID, null));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("basic");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void clearDisarmsEverything() {
        EMULATOR.emulator().faults().inject("replace-entitlements", Fault.status(500));
        EMULATOR.emulator().faults().clear();

        assertThat(replace("premium").statusCode()).isEqualTo(200);
    }

    @Test
    void faultsCanBeSetAndClearedOverHttp() {
        HttpResponse<String> armed = spotify.postFault(
                "{\"endpoint\":\"replace-entitlements\",\"status\":429,\"retryAfterSeconds\":3,\"times\":1}");
        assertThat(armed.statusCode()).isEqualTo(201);
        assertThat(armed.body()).contains("replace-entitlements");

        HttpResponse<String> limited = replace("premium");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");

        spotify.postFault("{\"endpoint\":\"replace-entitlements\",\"status\":500}");
        HttpResponse<String> cleared = spotify.clearFaults();
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(replace("premium").statusCode()).isEqualTo(200);
    }

    /** Descriptions of a fault or a rate limit the emulator cannot arm, with the code that says why. */
    static Stream<Arguments> badFaultDescriptions() {
        return Stream.of(
                arguments("{\"endpoint\":\"nope\",\"status\":500}", "invalid_fault"),
                arguments("{\"endpoint\":\"token\",\"status\":200}", "invalid_fault"),
                arguments("{\"endpoint\":\"token\",\"fraction\":2}", "invalid_fault"),
                arguments("{\"endpoint\":\"token\",\"stauts\":500}", "invalid_field"),
                arguments("not json", "invalid_json"),
                arguments("{\"endpoint\":\"token\",\"drop\":true,\"status\":500}", "invalid_fault"),
                // A rate limit takes no other field, and at least one call a second.
                arguments(
                        "{\"endpoint\":\"replace-entitlements\",\"callsPerSecond\":5,\"status\":500}", "invalid_fault"),
                arguments("{\"endpoint\":\"replace-entitlements\",\"callsPerSecond\":0}", "invalid_fault"),
                arguments("{\"endpoint\":\"no-such-endpoint\",\"callsPerSecond\":5}", "invalid_fault"));
    }

    @ParameterizedTest
    @MethodSource("badFaultDescriptions")
    void badFaultDescriptionsAre400(String body, String code) {
        HttpResponse<String> response = spotify.postFault(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo(code);
    }

    @Test
    void unknownEndpointsAreRefusedInJavaToo() {
        assertThatThrownBy(() -> EMULATOR.emulator().faults().inject("replace-entitlement", Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replace-entitlements");
        assertThatThrownBy(() -> Fault.status(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(500).fraction(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
