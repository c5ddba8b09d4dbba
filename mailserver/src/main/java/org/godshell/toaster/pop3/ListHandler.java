package org.godshell.toaster.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * LIST (RFC 1939 §5) and UIDL (§7): for one message, or for every message not marked deleted, its number and
 * its size (LIST) or unique id (UIDL).
 */
final class ListHandler implements Handler {

    private final Function<Maildrop.Message, String> column;

    private ListHandler(Function<Maildrop.Message, String> column) {
        this.column = column;
    }

    static ListHandler sizes() {
        return new ListHandler(message -> Long.toString(message.size()));
    }

    static ListHandler uids() {
        return new ListHandler(Maildrop.Message::uid);
    }

    @Override
    public Step handle(SessionContext session, String argument) {
        Maildrop drop = session.maildrop();
        if (argument.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Maildrop.Message message : drop.messages()) {
                if (!drop.deleted(message)) {
                    lines.add(message.number() + " " + column.apply(message));
                }
            }
            return Step.respond(Reply.multiLine(drop.count() + " messages (" + drop.size() + " octets)", lines));
        }
        return Step.respond(switch (Arguments.message(drop, argument)) {
            case Arguments.Pick.Found found -> Reply.ok(found.message().number() + " " + column.apply(found.message()));
            case Arguments.Pick.Refused refused -> refused.reply();
        });
    }
}
