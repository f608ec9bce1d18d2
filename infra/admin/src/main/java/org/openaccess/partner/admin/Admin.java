package org.openaccess.partner.admin;

/** Entry point of {@code ./admin}. */
public final class Admin {
    private Admin() {}

    public static void main(String[] args) {
        System.exit(AdminCommand.commandLine(System.getenv(), Targets.real()).execute(args));
    }
}
