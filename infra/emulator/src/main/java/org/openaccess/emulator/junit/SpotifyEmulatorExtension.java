package org.openaccess.emulator.junit;

import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;

/**
 * Runs a {@link SpotifyEmulator} on a free port for a test class:
 * <pre>
 * {@literal @}RegisterExtension
 * static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(EmulatorConfig.defaults());
 * </pre>
 * Started before all tests (or before the first test when registered on an instance field),
 * reset with faults cleared before each test, closed after the last.
 */
public final class SpotifyEmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final EmulatorConfig config;
    private final Clock clock;
    private SpotifyEmulator emulator;
    private boolean startedPerTest;

    public SpotifyEmulatorExtension() {
        this(EmulatorConfig.defaults());
    }

    public SpotifyEmulatorExtension(EmulatorConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, to reach code and token expiry without waiting. */
    public SpotifyEmulatorExtension(EmulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = SpotifyEmulator.start(config, 0, clock);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            emulator = SpotifyEmulator.start(config, 0, clock);
            startedPerTest = true;
        }
        emulator.reset();
        emulator.faults().clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedPerTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
            startedPerTest = false;
        }
    }

    /** The running emulator; only valid while tests run. */
    public SpotifyEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The Spotify emulator runs only during the tests of its class");
        }
        return emulator;
    }

    public URI baseUrl() {
        return emulator().baseUrl();
    }

    public URI accountsUrl() {
        return emulator().accountsUrl();
    }

    public URI openAccessUrl() {
        return emulator().openAccessUrl();
    }
}
