package org.openaccess.partner.coldstart.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function as it would be deployed: its artifact, its handler string and memory from the template, and the
 * environment variables the template gives it.
 */
public record FunctionDeployment(
        String name, Path artifact, String handler, int memoryMb, Map<String, String> environment) {

    public FunctionDeployment {
        environment = Map.copyOf(environment);
    }
}
