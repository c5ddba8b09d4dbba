package org.godshell.toaster.smtp;

/** The peer closed the stream; a partial line without CRLF before the end is dropped. */
public record Eof() implements CommandLine {
}
