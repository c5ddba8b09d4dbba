package org.godshell.toaster.smtp;

/** A command line over 512 octets including CRLF (RFC 5321 §4.5.3.1.4); it was read to its end and dropped. */
public record TooLong() implements CommandLine {
}
