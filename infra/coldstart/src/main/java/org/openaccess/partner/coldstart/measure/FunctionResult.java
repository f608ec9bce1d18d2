package org.openaccess.partner.coldstart.measure;

import java.nio.file.Path;

/** The harness's verdict on one function: measured, not built yet, or failed to run. */
public sealed interface FunctionResult {

    String name();

    record Measured(FunctionMeasurement measurement) implements FunctionResult {
        @Override
        public String name() {
            return measurement.name();
        }
    }

    record NotBuilt(String name, Path expectedArtifact) implements FunctionResult {}

    /** The function's process died, failed its init, or never answered; its log says why. */
    record Failed(String name, String reason, Path log) implements FunctionResult {}
}
