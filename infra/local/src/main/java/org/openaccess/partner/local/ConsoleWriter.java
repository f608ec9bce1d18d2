package org.openaccess.partner.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the launcher tells the person at the terminal (URLs, readable errors); logs go through the logger. */
final class ConsoleWriter {

    private final PrintStream out =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private final PrintStream err =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    void say(String text) {
        out.println(text);
    }

    void raw(String text) {
        out.print(text);
        out.flush();
    }

    void error(String text) {
        err.println("local stack: " + text);
    }
}
