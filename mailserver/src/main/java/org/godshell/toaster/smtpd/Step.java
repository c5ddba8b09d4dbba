package org.godshell.toaster.smtpd;

import java.util.Optional;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.HookResult;

/** What a handler asks the session loop to do next; the loop alone writes to the socket. */
sealed interface Step {

    /** Send the reply and read the next command. */
    record Respond(Reply reply) implements Step {}

    /** Send the reply, then close the connection. */
    record Close(Reply reply) implements Step {}

    /** Close the connection without a word (a plugin's {@code D}). */
    record Drop() implements Step {}

    /**
     * Send a SASL challenge (334, RFC 4954 §4), read the client's one-line answer and give it to {@code next};
     * the handler stays free of I/O while the exchange spans several lines.
     */
    record Challenge(Reply challenge, java.util.function.Function<String, Step> next) implements Step {}

    /** Send the go-ahead (220), then turn the connection into TLS (RFC 3207). */
    record StartTls(Reply goAhead) implements Step {}

    /** Send the go-ahead (354), then read the message body with {@link DataHandler#receive}. */
    record ReceiveData(Reply goAhead) implements Step {}

    static Step respond(Reply reply) {
        return new Respond(reply);
    }

    /**
     * What the session does when a plugin hook did not let the command go on: the refusal, the close or the
     * drop it asked for; empty when the command proceeds.
     */
    static Optional<Step> unless(HookResult result) {
        return switch (result) {
            case HookResult.Proceed proceed -> Optional.empty();
            case HookResult.Refuse refuse -> Optional.of(new Respond(refuse.reply()));
            case HookResult.Close close -> Optional.of(new Close(close.reply()));
            case HookResult.Drop drop -> Optional.of(new Drop());
        };
    }
}
