package org.godshell.toaster.pop3;

import java.io.InputStream;

/** What a handler asks the session loop to do next; the loop alone writes to the socket. */
sealed interface Step {

    /** Send the reply and read the next command. */
    record Respond(Reply reply) implements Step {}

    /** Send the reply, then close the connection. */
    record Close(Reply reply) implements Step {}

    /** Send the go-ahead, then turn the connection into TLS (RFC 2595 §4). */
    record StartTls(Reply goAhead) implements Step {}

    /**
     * Send {@code status}, then the message read from {@code message} ({@link MessageText#write}), which the
     * loop closes. {@code bodyLines}: {@link MessageText#WHOLE} for RETR, the count for TOP.
     */
    record SendMessage(Reply status, InputStream message, long bodyLines) implements Step {}

    static Step respond(Reply reply) {
        return new Respond(reply);
    }
}
