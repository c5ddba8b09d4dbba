package org.godshell.toaster.smtp;

import java.io.Serial;
import java.util.Objects;

/**
 * A MAIL or RCPT argument that the RFC 5321 grammar refuses. {@link #reply()} is what to send; the message says
 * exactly what was wrong, for the log only (it may echo hostile input and never goes to the peer).
 */
public final class PathException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    public PathException(Reply reply, String detail) {
        super(detail);
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    public Reply reply() {
        return reply;
    }
}
