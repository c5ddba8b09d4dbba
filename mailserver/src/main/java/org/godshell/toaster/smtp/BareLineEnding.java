package org.godshell.toaster.smtp;

/**
 * A command line with a bare LF or a CR not followed by LF; only CRLF ends a line (RFC 5321 §2.3.8). The bad
 * line was consumed up to and including the next LF.
 */
public record BareLineEnding() implements CommandLine {
}
