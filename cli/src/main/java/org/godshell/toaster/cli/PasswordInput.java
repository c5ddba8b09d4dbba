package org.godshell.toaster.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A new password for {@code toaster user add/passwd}, never from the command line (argv is visible to every
 * user in {@code ps} and lands in shell history). On a terminal it is asked twice without echo; otherwise it is
 * the first line of stdin, so scripts can run {@code printf '%s\n' "$pw" | toaster user add a@b}.
 *
 * <p>Returned as a {@code char[]} the caller zeroes once the hash is made.
 */
final class PasswordInput {

    /** Shorter passwords are refused: SMTP AUTH faces the internet, where guessing short passwords is cheap. */
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 1024;

    /** A password that cannot be used; the message says why. */
    static final class Refused extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private PasswordInput() {
    }

    static char[] read(InputStream stdin) throws Refused {
        Console console = System.console();
        char[] password = console != null ? prompt(console) : firstLine(stdin);
        if (password.length == 0) {
            throw new Refused("the password is empty");
        }
        if (password.length < MIN_LENGTH) {
            Arrays.fill(password, '\0');
            throw new Refused("the password is shorter than " + MIN_LENGTH + " characters; mail passwords are"
                    + " guessed over the internet, so use a longer one (a few words make a good one)");
        }
        if (password.length > MAX_LENGTH) {
            Arrays.fill(password, '\0');
            throw new Refused("the password is longer than " + MAX_LENGTH + " characters");
        }
        return password;
    }

    private static char[] prompt(Console console) throws Refused {
        char[] first = console.readPassword("New password: ");
        char[] second = console.readPassword("Same password again: ");
        if (first == null || second == null) {
            throw new Refused("no password given (end of input)");
        }
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new Refused("the two passwords differ; nothing was changed");
        }
        return first;
    }

    /** The first line of stdin without its LF (and a CR before it), decoded as UTF-8, at most a few KB read. */
    static char[] firstLine(InputStream in) throws Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (bytes.size() > MAX_LENGTH * 4) {
                    throw new Refused("the password is longer than " + MAX_LENGTH + " characters");
                }
                bytes.write(b);
            }
        } catch (IOException e) {
            throw new Refused("cannot read the password from stdin: " + e.getMessage());
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 0, length));
            char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw new Refused("the password on stdin is not UTF-8 text");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
