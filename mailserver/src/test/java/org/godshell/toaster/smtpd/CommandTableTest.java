package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every cell of the command × state table, written out by hand so that a change to the table shows here. */
class CommandTableTest {

    /** The table's cells for the verbs whose answer depends on the state; "ok" where they may run. */
    private static Reply expected(Verb verb, State state) {
        return switch (verb) {
            case HELO, EHLO, RSET, NOOP, QUIT, VRFY, HELP, STARTTLS, AUTH -> null;
            case MAIL -> switch (state) {
                case START, READY -> null;
                case MAIL, RCPT -> Replies.NESTED_MAIL;
            };
            case RCPT -> switch (state) {
                case START, READY -> Replies.MAIL_FIRST;
                case MAIL, RCPT -> null;
            };
            case DATA -> switch (state) {
                case START, READY -> Replies.MAIL_FIRST;
                case MAIL -> Replies.RCPT_FIRST;
                case RCPT -> null;
            };
            case EXPN, TURN, ETRN, SEND, SOML, SAML, BDAT -> Replies.UNIMPLEMENTED;
        };
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void everyVerbInEveryState(State state) {
        for (Verb verb : Verb.values()) {
            assertEquals(Optional.ofNullable(expected(verb, state)), CommandTable.refusal(verb, state),
                    verb + " in " + state);
        }
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void verbsAreFoundCaseInsensitivelyWithTheirArgument(Verb verb) {
        String line = verb.name().toLowerCase(java.util.Locale.ROOT) + " some argument";
        assertEquals(Optional.of(verb), Verb.of(line));
        assertEquals("some argument", Verb.argument(line));
    }
}
