package org.godshell.toaster.smtp;

/** A command line that is not valid UTF-8 (overlong forms and surrogates included); the line was consumed. */
public record Malformed() implements CommandLine {
}
