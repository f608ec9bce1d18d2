package org.openaccess.partner.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a script passes it: an empty option list must not become an empty JVM argument. */
class HarnessSettingsTest {

    @Test
    void extraJvmOptionsAreSplitOnWhitespace() {
        HarnessSettings settings = HarnessSettings.parse("--jvm-options", " -Xlog:gc  -Dprobe=1 ");

        assertEquals(List.of("-Xlog:gc", "-Dprobe=1"), settings.extraJvmOptions());
    }

    /** A blank value (a script's unset variable) adds nothing; "" on a java command line is a missing main class. */
    @Test
    void blankJvmOptionsAddNothing() {
        assertEquals(List.of(), HarnessSettings.parse("--jvm-options", "").extraJvmOptions());
        assertEquals(List.of(), HarnessSettings.parse("--jvm-options", "  ").extraJvmOptions());
    }
}
