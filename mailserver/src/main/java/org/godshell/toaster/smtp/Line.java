package org.godshell.toaster.smtp;

import java.util.Objects;

/**
 * A command line that ended with CRLF, at most 512 octets with it, valid UTF-8 and without NUL.
 *
 * @param text the line without its CRLF
 */
public record Line(String text) implements CommandLine {
    public Line {
        Objects.requireNonNull(text, "text");
    }
}
