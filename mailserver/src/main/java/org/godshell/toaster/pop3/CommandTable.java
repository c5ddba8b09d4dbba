package org.godshell.toaster.pop3;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verb × state table (RFC 1939 §4-§7, RFC 2449 §5, RFC 2595 §4): which verb is allowed in which
 * {@link State}, what is answered when it is not, and which handler serves it.
 */
final class CommandTable {

    private static final Set<State> ANY = EnumSet.allOf(State.class);
    private static final Set<State> BEFORE_LOGIN = EnumSet.of(State.AUTHORIZATION);
    private static final Set<State> LOGGED_IN = EnumSet.of(State.TRANSACTION);
    private static final Map<Verb, Set<State>> ALLOWED = new EnumMap<>(Verb.class);
    private static final Map<Verb, Handler> HANDLERS = new EnumMap<>(Verb.class);

    static {
        serve(Verb.CAPA, ANY, new CapaHandler());
        serve(Verb.QUIT, ANY, new QuitHandler());
        serve(Verb.NOOP, LOGGED_IN, new NoopHandler());
        serve(Verb.STLS, BEFORE_LOGIN, new StlsHandler());
        serve(Verb.USER, BEFORE_LOGIN, new UserHandler());
        serve(Verb.PASS, BEFORE_LOGIN, new PassHandler());
        serve(Verb.STAT, LOGGED_IN, new StatHandler());
        serve(Verb.LIST, LOGGED_IN, ListHandler.sizes());
        serve(Verb.UIDL, LOGGED_IN, ListHandler.uids());
        serve(Verb.RETR, LOGGED_IN, RetrHandler.retr());
        serve(Verb.TOP, LOGGED_IN, RetrHandler.top());
        serve(Verb.DELE, LOGGED_IN, new DeleHandler());
        serve(Verb.RSET, LOGGED_IN, new RsetHandler());
    }

    private CommandTable() {}

    private static void serve(Verb verb, Set<State> states, Handler handler) {
        ALLOWED.put(verb, states);
        HANDLERS.put(verb, handler);
    }

    /** The refusal for {@code verb} in {@code state}, or empty when the verb may run there. */
    static Optional<Reply> refusal(Verb verb, State state) {
        if (ALLOWED.get(verb).contains(state)) {
            return Optional.empty();
        }
        return Optional.of(switch (verb) {
            case STLS -> Replies.STLS_BEFORE_LOGIN;
            case USER, PASS -> Replies.ALREADY_LOGGED_IN;
            default -> Replies.LOG_IN_FIRST;
        });
    }

    static Handler handler(Verb verb) {
        return HANDLERS.get(verb);
    }
}
