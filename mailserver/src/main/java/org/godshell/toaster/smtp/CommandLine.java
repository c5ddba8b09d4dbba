package org.godshell.toaster.smtp;

/**
 * What {@link CommandReader#read()} found: a good line, or the one reason it is not one. Every case except
 * {@link Eof} has consumed its whole line, so the session can reply and read the next command.
 */
public sealed interface CommandLine permits Line, TooLong, BareLineEnding, HasNul, Malformed, Eof {
}
