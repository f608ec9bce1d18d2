package org.openaccess.partner.admin;

import java.util.Map;

/** Opens the deployment a command acts on; tests may wrap the real one. */
@FunctionalInterface
public interface Targets {
    Target open(TargetChoice choice, Map<String, String> env);

    /** The real deployments: the running local stack, or a CloudFormation stack through default AWS credentials. */
    static Targets real() {
        return (choice, env) -> choice.local()
                ? LocalTarget.open(env)
                : StackTarget.open(choice.stackName().orElseThrow(), choice.region(), env);
    }
}
