package org.openaccess.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the extension starts an emulator for each test. */
class InstanceFieldExtensionTest {
    @RegisterExtension
    SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void runsDuringTheTest() {
        assertThat(spotify.emulator().config().clients()).hasSize(1);
        assertThat(spotify.baseUrl().getPort()).isPositive();
    }
}
