package org.godshell.toaster.smtp;

/** A command line containing a NUL byte, which no SMTP command may carry; the line was consumed. */
public record HasNul() implements CommandLine {
}
