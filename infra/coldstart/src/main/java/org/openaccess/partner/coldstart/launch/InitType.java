package org.openaccess.partner.coldstart.launch;

/** Lambda's {@code AWS_LAMBDA_INITIALIZATION_TYPE}: how the runtime client treats the end of init. */
public enum InitType {
    /** A plain cold start: init, then events. */
    ON_DEMAND("on-demand"),
    /** SnapStart: after init the runtime client runs the {@code beforeCheckpoint} hooks, asks to be restored, runs
     * the {@code afterRestore} hooks, and only then takes events. */
    SNAP_START("snap-start");

    private final String value;

    InitType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
