package org.openaccess.partner.core.fuzz;

/** A property's own check: jqwik shrinks on any AssertionError, and the message says which rule broke. */
public final class Holds {
    private Holds() {}

    public static void that(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
