package org.openaccess.partner.admin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every admin subcommand has: the deployment options (accepted before or after its name, checked before
 * anything is called) and the terminal it prints to.
 */
abstract class DeploymentCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target = new TargetOptions();

    /** The deployment the options name; a usage failure if they name none or two. */
    TargetChoice choice() {
        return admin.choice(target);
    }

    Target openDeployment() {
        return admin.open(target);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
