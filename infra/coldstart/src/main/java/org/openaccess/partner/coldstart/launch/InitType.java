package org.openaccess.partner.coldstart.launch;

import java.util.Locale;

/** Lambda's {@code AWS_LAMBDA_INITIALIZATION_TYPE}: how the runtime client treats the end of init. */
public enum InitType {
    /** A plain cold start: init, then events. */
    ON_DEMAND,
    /** SnapStart: after init the runtime client runs the {@code beforeCheckpoint} hooks, asks to be restored, runs
     * the {@code afterRestore} hooks, and only then takes events. */
    SNAP_START;

    /** The variable's value: the constant's name in lower case with hyphens ({@code on-demand}, {@code snap-start}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
