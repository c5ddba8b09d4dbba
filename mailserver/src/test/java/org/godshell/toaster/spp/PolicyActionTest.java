package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each Postfix action, as the qmail-spp lines it becomes; and answers that are not answers. */
class PolicyActionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            OK                                    | N
            ok                                    | N
            DUNNO                                 | -
            REJECT                                | E550 5.7.1 Access denied
            REJECT go away                        | E550 5.7.1 go away
            REJECT 5.7.2 go away                  | E550 5.7.2 go away
            REJECT 4.7.2 class is forced          | E550 5.7.2 class is forced
            DEFER                                 | E450 4.7.1 Try again later
            DEFER later please                    | E450 4.7.1 later please
            DEFER_IF_PERMIT Greylisted, see http://x | E450 4.7.1 Greylisted, see http://x
            450 4.7.1 own code                    | E450 4.7.1 own code
            554 no                                | E554 no
            421                                   | E421
            PREPEND X-Greylist: delayed 3 seconds | HX-Greylist: delayed 3 seconds
            DEFER_IF_REJECT maybe                 | -
            WARN look at this                     | -
            HOLD                                  | -
            DISCARD                               | -
            FILTER smtp:[127.0.0.1]:10025         | -
            REDIRECT a@x.test                     | -
            BCC a@x.test                          | -
            250 fine                              | -
            permit                                | -
            """)
    void mapping(String action, String line) {
        assertEquals(line == null ? List.of() : List.of(line), PolicyAction.map(action).lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOLD", "DEFER_IF_REJECT x", "WARN look", "BCC a@x.test", "frobnicate"})
    void passedOverActionsAreLogged(String action) {
        assertEquals(1, PolicyAction.map(action).notes().size(), action);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OK", "DUNNO", "REJECT x", "PREPEND A: b"})
    void carriedOutActionsLogNothing(String action) {
        assertTrue(PolicyAction.map(action).notes().isEmpty(), action);
    }

    @ParameterizedTest
    @ValueSource(strings = {"action=OK\n", "action=OK\r\n", "foo=bar\naction=OK\n"})
    void answers(String answer) throws Exception {
        assertEquals(List.of("N"), PolicyAction.of(answer).lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo=bar\n", "action=\n", "action=OK\ngarbage\n", "=OK\n", "220 hello\n"})
    void nonAnswers(String answer) {
        assertThrows(PolicyService.Failure.class, () -> PolicyAction.of(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REJECT no\u0007bell", "DEFER x\ry", "PREPEND not a header"})
    void hostileTextsBecomeGarbageThatFails(String action) {
        assertThrows(Command.Garbage.class, () -> Command.parse(PolicyAction.map(action).lines().get(0)));
    }
}
