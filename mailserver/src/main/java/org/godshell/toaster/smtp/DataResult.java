package org.godshell.toaster.smtp;

import java.util.Objects;
import java.util.Optional;

/**
 * How reading a DATA body ended. Whatever the outcome, the body was read up to its real terminator, so the
 * session is in step with the client and can reply.
 *
 * @param outcome         OK, or the first problem found in the body (by position)
 * @param bytes           the size of the unstuffed message, counted to the end even when it was refused
 * @param receivedHeaders header lines (before the first empty line) that start with "Received:", any case, for
 *                        the RFC 5321 §6.3 loop check
 */
public record DataResult(Outcome outcome, long bytes, int receivedHeaders) {

    /** Why a body was refused; only {@link #OK} may be queued. */
    public enum Outcome {
        OK,
        /** More unstuffed bytes than the limit; nothing past the limit was written. */
        TOO_BIG,
        /** A bare CR or bare LF: the SMTP smuggling defence (CVE-2023-51764 class). */
        BARE_LINE_ENDING,
        /** A line over 1000 octets including CRLF, RFC 5321 §4.5.3.1.6. */
        LINE_TOO_LONG,
        /** A NUL byte, which RFC 5322 §2.3 does not allow in a message and which many tools truncate at. */
        NUL_BYTE
    }

    public DataResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The reply that refuses this body, or empty when it may be queued (the hop count is checked apart). */
    public Optional<Reply> refusal() {
        return switch (outcome) {
            case OK -> Optional.empty();
            case TOO_BIG -> Optional.of(Replies.TOO_BIG);
            case BARE_LINE_ENDING -> Optional.of(Replies.DATA_BARE_LINE_ENDING);
            case LINE_TOO_LONG -> Optional.of(Replies.DATA_LINE_TOO_LONG);
            case NUL_BYTE -> Optional.of(Replies.DATA_NUL);
        };
    }
}
