package org.godshell.toaster.smtpd;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * The command × state table: which verb is allowed in which {@link State}, what is answered when it is not,
 * and which handler serves it. Every cell is covered by {@code CommandTableTest} and the dialogue tests.
 */
final class CommandTable {

    private static final Set<State> ANY = EnumSet.allOf(State.class);
    private static final Map<Verb, Set<State>> ALLOWED = new EnumMap<>(Verb.class);
    private static final Map<Verb, Handler> HANDLERS = new EnumMap<>(Verb.class);

    static {
        serve(Verb.HELO, ANY, new HeloHandler());
        serve(Verb.EHLO, ANY, new EhloHandler());
        serve(Verb.MAIL, EnumSet.of(State.START, State.READY), new MailHandler());
        serve(Verb.RCPT, EnumSet.of(State.MAIL, State.RCPT), new RcptHandler());
        serve(Verb.DATA, EnumSet.of(State.RCPT), new DataHandler());
        serve(Verb.RSET, ANY, new RsetHandler());
        serve(Verb.NOOP, ANY, new NoopHandler());
        serve(Verb.QUIT, ANY, new QuitHandler());
        serve(Verb.VRFY, ANY, new VrfyHandler());
        serve(Verb.HELP, ANY, new HelpHandler());
        serve(Verb.STARTTLS, ANY, new StartTlsHandler());
        serve(Verb.AUTH, ANY, new AuthHandler());                      // its rules depend on more than the state
    }

    private CommandTable() {}

    private static void serve(Verb verb, Set<State> states, Handler handler) {
        ALLOWED.put(verb, states);
        HANDLERS.put(verb, handler);
    }

    /** The refusal for {@code verb} in {@code state}, or empty when the verb may run there. */
    static Optional<Reply> refusal(Verb verb, State state) {
        Set<State> allowed = ALLOWED.get(verb);
        if (allowed == null) {
            return Optional.of(Replies.UNIMPLEMENTED);
        }
        if (allowed.contains(state)) {
            return Optional.empty();
        }
        return Optional.of(switch (verb) {
            case MAIL -> Replies.NESTED_MAIL;
            case DATA -> state == State.MAIL ? Replies.RCPT_FIRST : Replies.MAIL_FIRST;
            default -> Replies.MAIL_FIRST;
        });
    }

    static Handler handler(Verb verb) {
        return HANDLERS.get(verb);
    }
}
