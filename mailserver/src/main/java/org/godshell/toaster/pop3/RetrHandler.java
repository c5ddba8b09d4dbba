package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * RETR (RFC 1939 §5) and TOP (§7): the whole message, or its header, the empty line and the first N body lines.
 * The file is opened here, before {@code +OK}, so a message removed meanwhile by another program gets
 * {@code -ERR} rather than a broken response.
 */
final class RetrHandler implements Handler {

    private final boolean top;

    private RetrHandler(boolean top) {
        this.top = top;
    }

    static RetrHandler retr() {
        return new RetrHandler(false);
    }

    static RetrHandler top() {
        return new RetrHandler(true);
    }

    @Override
    public Step handle(SessionContext session, String argument) {
        String number = argument;
        long lines = MessageText.WHOLE;
        if (top) {
            String[] words = argument.split(" ", -1);
            if (words.length != 2) {
                return Step.respond(Reply.err("TOP needs a message number and a number of lines"));
            }
            Optional<Long> count = Arguments.number(words[1]);
            if (count.isEmpty()) {
                return Step.respond(Reply.err("invalid number of lines"));
            }
            number = words[0];
            lines = count.get();
        }
        Maildrop drop = session.maildrop();
        return switch (Arguments.message(drop, number)) {
            case Arguments.Pick.Refused refused -> Step.respond(refused.reply());
            case Arguments.Pick.Found found -> send(session, drop, found.message(), lines);
        };
    }

    private Step send(SessionContext session, Maildrop drop, Maildrop.Message message, long lines) {
        InputStream in;
        try {
            in = drop.open(message);
        } catch (NoSuchFileException e) {
            return Step.respond(Replies.VANISHED);
        } catch (IOException e) {
            session.log.event(session.id, "reading " + message.file() + ": " + e.getMessage());
            return Step.respond(Replies.READ_FAILED);
        }
        Reply status = top ? Reply.ok("top of message follows") : Reply.ok(message.size() + " octets");
        return new Step.SendMessage(status, in, lines);
    }
}
