package org.openaccess.partner.core.testing;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.config.Setting;

/**
 * A fresh {@link EntitlementTestBed} (new tables in the shared dynalite) for each test, over one Spotify emulator
 * with {@link EntitlementTestBed#platformConfig()} for the class, reset before each test. A {@code @BeforeEach} or
 * test method receives the test's bed as a parameter.
 */
public final class EntitlementTestBedExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension(EntitlementTestBed.platformConfig());
    private final Set<Setting> required;
    private EntitlementTestBed bed;

    /** @param required the settings of the function under test, checked as its handler checks them */
    public EntitlementTestBedExtension(Set<Setting> required) {
        this.required = required;
    }

    /** The current test's bed. */
    public EntitlementTestBed bed() {
        if (bed == null) {
            throw new IllegalStateException("The test bed exists only while a test runs");
        }
        return bed;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        spotify.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        spotify.beforeEach(context);
        bed = new EntitlementTestBed(spotify.emulator(), required);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        bed = null;
        spotify.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        spotify.afterAll(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EntitlementTestBed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return bed();
    }
}
