package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One {@code ./admin} run in-process, as the operator sees it: exit code, stdout, stderr. */
record AdminRun(int exitCode, String out, String err) {

    /** Secrets the runs of a test know; none may ever be printed. */
    static final List<String> SECRETS = List.of(
            "10ca1c11e275ec2e710ca1c11e275ec2",
            "local-session-key-0123456789abcdef0123",
            "local-puid-key-0123456789abcdef012345",
            StackFixture.CLIENT_SECRET);

    static AdminRun run(Map<String, String> env, Targets targets, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AdminCommand.commandLine(env, targets);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        AdminRun run = new AdminRun(code, out.toString(), err.toString());
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), "a secret was printed");
        }
        assertFalse(run.err().contains("\tat "), "a stack trace was printed:\n" + run.err());
        return run;
    }

    static AdminRun run(Map<String, String> env, String... args) {
        return run(env, Targets.real(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
