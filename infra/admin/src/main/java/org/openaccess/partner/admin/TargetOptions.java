package org.openaccess.partner.admin;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --local} or {@code --stack NAME} (and {@code --region}): accepted before or after the command's name. */
final class TargetOptions {
    @Option(
            names = "--local",
            description = "Act on the running local stack (./run-local), with its environment variables and defaults.")
    boolean local;

    @Option(
            names = "--stack",
            paramLabel = "NAME",
            description = "Act on the deployed CloudFormation stack NAME (default AWS credentials).")
    String stack;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The stack's AWS region (default: AWS_REGION, then your AWS profile's).")
    String region;

    /** This command's options, completed by those given before the command's name. */
    TargetChoice resolve(TargetOptions outer) {
        boolean isLocal = local || outer.local;
        Optional<String> stackName = Optional.ofNullable(stack).or(() -> Optional.ofNullable(outer.stack));
        Optional<String> regionName = Optional.ofNullable(region).or(() -> Optional.ofNullable(outer.region));
        if (isLocal && stackName.isPresent()) {
            throw new AdminFailure(ExitCodes.USAGE, "Choose one deployment: --local or --stack NAME, not both");
        }
        if (!isLocal && stackName.isEmpty()) {
            throw new AdminFailure(
                    ExitCodes.USAGE,
                    "Say which deployment: --local (the stack ./run-local runs) or --stack NAME (a deployed stack)");
        }
        if (stackName.isPresent() && stackName.get().isBlank()) {
            throw new AdminFailure(ExitCodes.USAGE, "--stack needs the stack's name");
        }
        return new TargetChoice(isLocal, stackName, regionName);
    }

    /** The options as the operator would type them again, for the hints printed after a failure. */
    static String asTyped(TargetChoice choice) {
        return choice.local()
                ? "--local"
                : "--stack " + choice.stackName().orElseThrow()
                        + choice.region().map(r -> " --region " + r).orElse("");
    }
}
