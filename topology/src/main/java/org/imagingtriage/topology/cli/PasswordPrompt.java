package org.imagingtriage.topology.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new reviewer's password: from the terminal without echo, asked twice; or, when stdin is
 * not a terminal (a script), its first line. Never from the command line, where {@code ps} shows it.
 */
final class PasswordPrompt {

    static final int MIN_CHARS = 8;
    private static final int MAX_CHARS = 1024;

    private PasswordPrompt() {
    }

    /** @throws IllegalArgumentException when the password is unusable or the two entries differ */
    static char[] read(PrintWriter warning) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            Arrays.fill(again, '\0');
        } else {
            // Java 17 has no console when stdout is redirected (`>> reviewers`): read stdin, where
            // `read -rs PASSWORD; printf '%s\n' "$PASSWORD" |` puts it without an echo.
            warning.println("reading the password from stdin's first line (no terminal): pipe it in, e.g. "
                    + "read -rs PASSWORD && printf '%s\\n' \"$PASSWORD\" | triage review --hash-password NAME");
            warning.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_CHARS || password.length > MAX_CHARS) {
            Arrays.fill(password, '\0');
            throw new IllegalArgumentException("a password has " + MIN_CHARS + " to " + MAX_CHARS + " characters");
        }
        return password;
    }
}
