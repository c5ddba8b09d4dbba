package org.godshell.toaster.logstats;

/** Why a line was not counted; the report gives the number of each. */
public enum Skip {
    /** Longer than {@link LogInput#MAX_LINE} bytes: cut off unread. */
    OVERSIZED,
    /** Not UTF-8, or a NUL byte: not text. */
    BINARY,
    /** A control character, which the toaster's logs always write escaped ({@code \x0a}). */
    CONTROL,
    /** No time and daemon in front, or a line of a known kind whose fields do not parse (cut short, say). */
    MALFORMED
}
