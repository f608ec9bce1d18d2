package org.openaccess.partner.admin;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openaccess.partner.core.partners.PartnerCreationFailure;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code ./admin}: onboards the partners of a membership platform into one deployment. */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        version = "admin 1.0",
        description = {
            "Onboards the partners (creators) of a membership platform: creates them on Spotify, uploads their logos,"
                    + " and keeps the deployment's partner registry.",
            "Say which deployment with --local (the stack ./run-local runs) or --stack NAME (a deployed stack)."
        },
        subcommands = {
            CreatePartnerCommand.class,
            UploadLogoCommand.class,
            ListPartnersCommand.class,
            InspectUserCommand.class,
            ResyncUserCommand.class,
            EraseUserCommand.class,
            RedriveCommand.class,
            ReconcileCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:a call to AWS or Spotify failed, or its outcome is unknown",
            "2:bad input (options, slug, name, image); nothing was called",
            "3:the registry forbids it (slug taken, unfinished create-partner, no such partner), or no such user",
            "4:Spotify refused the call (4xx); nothing changed on Spotify",
            "5:inspect-user: a membership drifts from Spotify's copy, or Spotify lost its link"
        })
public final class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target = new TargetOptions();

    private final Map<String, String> env;
    private final Targets targets;

    public AdminCommand(Map<String, String> env, Targets targets) {
        this.env = env;
        this.targets = targets;
    }

    /** The command line with its error handling: a message and an exit code for every failure, never a stack trace. */
    public static CommandLine commandLine(Map<String, String> env, Targets targets) {
        CommandLine commandLine = new CommandLine(new AdminCommand(env, targets));
        commandLine.setExecutionExceptionHandler((failure, line, parseResult) -> {
            PrintWriter err = line.getErr();
            err.println("admin: " + explain(failure));
            err.flush();
            return exitCode(failure);
        });
        return commandLine;
    }

    private static int exitCode(Exception failure) {
        if (failure instanceof AdminFailure known) {
            return known.exitCode();
        }
        if (failure instanceof PartnerCreationFailure onboarding) {
            return switch (onboarding.kind()) {
                case CALL_FAILED -> ExitCodes.FAILED;
                case BAD_INPUT -> ExitCodes.USAGE;
                case CONFLICT -> ExitCodes.CONFLICT;
                case REFUSED -> ExitCodes.REFUSED;
            };
        }
        return ExitCodes.FAILED;
    }

    /** Messages of these kinds name operations, tables and AWS error codes only: safe to show. */
    private static String explain(Exception failure) {
        if (failure instanceof AdminFailure || failure instanceof PartnerCreationFailure) {
            return failure.getMessage();
        }
        if (failure instanceof StorageUnavailableException) {
            return failure.getMessage() + ". Is the deployment up (for --local: is ./run-local running)?";
        }
        if (failure instanceof SdkException) {
            return "AWS call failed: " + failure.getMessage();
        }
        return "unexpected failure (" + failure.getClass().getSimpleName() + "); nothing more is shown, to keep"
                + " secrets out of the terminal";
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Opens the deployment named by the options given before and after the command's name. */
    Target open(TargetOptions commandOptions) {
        return targets.open(commandOptions.resolve(target), env);
    }

    TargetChoice choice(TargetOptions commandOptions) {
        return commandOptions.resolve(target);
    }
}
