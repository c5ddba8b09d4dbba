package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Reply;

/** What a handler asks the session loop to do next; the loop alone writes to the socket. */
sealed interface Step {

    /** Send the reply and read the next command. */
    record Respond(Reply reply) implements Step {}

    /** Send the reply, then close the connection. */
    record Close(Reply reply) implements Step {}

    /** Send the go-ahead (354), then read the message body with {@link DataHandler#receive}. */
    record ReceiveData(Reply goAhead) implements Step {}

    static Step respond(Reply reply) {
        return new Respond(reply);
    }
}
