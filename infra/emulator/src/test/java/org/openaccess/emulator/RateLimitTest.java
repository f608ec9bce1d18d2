package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.ManualClock;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * The emulated rate limit: a fixed window per second of the emulator's clock, moved by the test. (The rate limits
 * it refuses to set are among FaultsTest's bad fault descriptions.)
 */
class RateLimitTest {
    static final String PUID = "00000000000000f2";
    static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension(EmulatorConfig.defaults(), CLOCK);

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);

    @BeforeEach
    void link() {
        EMULATOR.emulator().addLink(SpotifyCaller.PARTNER, PUID, "ada", List.of("basic"));
        spotify.entitlementsToken(); // fetched before the limit, so every limited call below is a replace
    }

    @AfterEach
    void clear() {
        EMULATOR.emulator().faults().clear();
    }

    private static HttpResponse<String> replace(String entitlement) {
        return spotify.replaceEntitlements(PUID, entitlement);
    }

    @Test
    void callsOverTheLimitInOneSecondAre429WithRetryAfterAndNotAppliedUntilTheNextSecond() {
        EMULATOR.emulator().faults().limitRate("replace-entitlements", 2);

        HttpResponse<String> first = replace("basic");
        HttpResponse<String> second = replace("premium");
        HttpResponse<String> third = replace("gold");
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> nextSecond = replace("platinum");

        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode(), nextSecond.statusCode()))
                .containsExactly(200, 200, 429, 200);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(SpotifyCaller.errorCode(third)).isEqualTo("rate_limited");
        assertThat(spotify.entitlements(PUID)).containsExactly("platinum");
    }

    @Test
    void aRateLimitIsSetOverHttpAndClearedWithTheFaults() {
        HttpResponse<String> set = spotify.postFault("{\"endpoint\":\"replace-entitlements\",\"callsPerSecond\":1}");
        assertThat(set.statusCode()).isEqualTo(201);
        assertThat(set.body()).contains("rate limit of 1 calls per second");

        assertThat(replace("basic").statusCode()).isEqualTo(200);
        assertThat(replace("premium").statusCode()).isEqualTo(429);
        HttpResponse<String> cleared = spotify.clearFaults();
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(replace("premium").statusCode()).isEqualTo(200);
    }
}
