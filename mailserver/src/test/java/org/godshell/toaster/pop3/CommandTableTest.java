package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every verb in every state: allowed, or refused with the reply that says why (RFC 1939 §4-§7). */
class CommandTableTest {

    @ParameterizedTest
    @EnumSource(Verb.class)
    void beforeLoginOnlyTheAuthorizationCommandsRun(Verb verb) {
        Optional<Reply> expected = switch (verb) {
            case USER, PASS, STLS, CAPA, QUIT -> Optional.empty();
            default -> Optional.of(Replies.LOG_IN_FIRST);
        };
        assertEquals(expected, CommandTable.refusal(verb, State.AUTHORIZATION));
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void afterLoginTheMailCommandsRunAndTheLoginOnesAreRefused(Verb verb) {
        Optional<Reply> expected = switch (verb) {
            case USER, PASS -> Optional.of(Replies.ALREADY_LOGGED_IN);
            case STLS -> Optional.of(Replies.STLS_BEFORE_LOGIN);
            default -> Optional.empty();
        };
        assertEquals(expected, CommandTable.refusal(verb, State.TRANSACTION));
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyVerbHasAHandlerAndIsReadCaseInsensitively(Verb verb) {
        assertEquals(true, CommandTable.handler(verb) != null);
        assertEquals(Optional.of(verb), Verb.of(verb.name().toLowerCase(java.util.Locale.ROOT) + " 1"));
    }
}
