package org.openaccess.partner.coldstart.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of Lambda's java21 bootstrap ({@code /var/runtime/bootstrap}), as a function's process shows them
 * in {@code /proc/self/cmdline}:
 * <pre>
 * java -XX:MaxHeapSize=445645k -javaagent:/var/runtime/lib/Log4jHotPatch.jar=log4jFixerVerbose=false
 *      -XX:+UseSerialGC -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa
 *      -XX:+TieredCompilation -XX:TieredStopAtLevel=1 --add-opens=java.base/java.io=ALL-UNNAMED
 *      -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -XX:+ErrorFileToStderr
 *      -classpath /var/runtime/lib/... com.amazonaws.services.lambda.runtime.api.client.AWSLambda handler
 * </pre>
 * (that is at 512 MB). Two differences, both because the files do not exist off Lambda: the Log4j hot-patch agent is
 * left out, and class data sharing uses the JDK's own default archive ({@code -Xshare:auto}) instead of Lambda's.
 */
public final class LambdaJvmOptions {

    /** Lambda gives the heap 85% of the configured memory. */
    private static final double HEAP_SHARE = 0.85;

    public static final String RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private LambdaJvmOptions() {}

    /** {@code -XX:MaxHeapSize} in KiB for the configured memory, as the bootstrap computes it (512 MB: 445645k). */
    public static long maxHeapKiB(int memoryMb) {
        return Math.round(memoryMb * 1024 * HEAP_SHARE);
    }

    /** The options before the main class, for a function configured with that much memory. */
    public static List<String> forMemory(int memoryMb, String runtimeClasspath) {
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxHeapSize=" + maxHeapKiB(memoryMb) + "k");
        options.add("-XX:+UseSerialGC");
        options.add("-Xshare:auto");
        options.add("-XX:+TieredCompilation");
        options.add("-XX:TieredStopAtLevel=1");
        options.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        // How org.crac finds Lambda's checkpoint hooks: the runtime client's own implementation of the CRaC API.
        options.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        options.add("-XX:+ErrorFileToStderr");
        options.add("-classpath");
        options.add(runtimeClasspath);
        return options;
    }
}
