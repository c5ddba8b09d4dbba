package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyTest {

    static Stream<Arguments> rendering() {
        return Stream.of(
                Arguments.of(Replies.MAIL_OK, true, "250 2.1.0 ok\r\n"),
                Arguments.of(Replies.MAIL_OK, false, "250 ok\r\n"),
                Arguments.of(Replies.DATA_GO_AHEAD, true, "354 go ahead\r\n"),
                Arguments.of(Replies.greeting("mx.example ready"), true, "220 mx.example ready ESMTP\r\n"),
                Arguments.of(Replies.queued(1700000000L, "4711"), true, "250 2.0.0 ok 1700000000 qp 4711\r\n"),
                Arguments.of(Replies.queued(1700000000L, "4711"), false, "250 ok 1700000000 qp 4711\r\n"),
                Arguments.of(Replies.closing("mx.example"), false, "221 mx.example\r\n"),
                Arguments.of(Replies.serviceUnavailable("mx.example", "shutting down"), true,
                        "421 4.3.2 mx.example shutting down\r\n"),
                Arguments.of(Replies.NOT_IN_RCPTHOSTS, false,
                        "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\r\n"),
                Arguments.of(Replies.ehlo("mx.example", List.of("PIPELINING", "8BITMIME", "SIZE 1000")), true,
                        "250-mx.example\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 1000\r\n"),
                Arguments.of(Reply.multi(550, "5.7.1", List.of("one", "two")), true,
                        "550-5.7.1 one\r\n550 5.7.1 two\r\n"),
                Arguments.of(Reply.multi(550, "5.7.1", List.of("one", "two")), false, "550-one\r\n550 two\r\n"),
                Arguments.of(Reply.of(250, null, ""), true, "250 \r\n"));
    }

    @ParameterizedTest
    @MethodSource
    void rendering(Reply reply, boolean enhanced, String wire) {
        assertEquals(wire, reply.toWire(enhanced));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(199, null, List.of("x")),
                Arguments.of(600, null, List.of("x")),
                Arguments.of(250, null, List.of()),
                Arguments.of(250, null, List.of("ok\r\n250 injected")),
                Arguments.of(250, null, List.of("ok\n")),
                Arguments.of(250, null, List.of("o\0k")),
                Arguments.of(250, "5.0.0", List.of("class mismatch")),
                Arguments.of(550, "2.0.0", List.of("class mismatch")),
                Arguments.of(354, "3.0.0", List.of("no class 3 in RFC 3463")),
                Arguments.of(250, "2.0", List.of("short")),
                Arguments.of(250, "2.0.1000", List.of("detail too long")),
                Arguments.of(250, "2.x.0", List.of("letters")),
                Arguments.of(250, " 2.0.0", List.of("space")));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(int code, String enhanced, List<String> lines) {
        assertThrows(IllegalArgumentException.class, () -> new Reply(code, enhanced, lines));
    }

    @Test
    void classification() {
        assertTrue(Replies.DATA_GO_AHEAD.isPositive());
        assertTrue(Replies.TIMEOUT.isTransient());
        assertFalse(Replies.TIMEOUT.isPermanent());
        assertTrue(Replies.SYNTAX.isPermanent());
        assertFalse(Replies.SYNTAX.isPositive());
    }

    @Test
    void linesAreCopied() {
        List<String> lines = new ArrayList<>(List.of("a"));
        Reply reply = Reply.multi(250, null, lines);
        lines.add("b");
        assertEquals(List.of("a"), reply.lines());
    }

    /** A constant's "(#x.y.z)" suffix names its own enhanced code. */
    @ParameterizedTest
    @MethodSource
    void qmailSuffixMatchesEnhancedCode(Reply r) {
        String text = r.text();
        assertTrue(text.endsWith(")"), text);
        assertEquals(r.enhanced(), text.substring(text.lastIndexOf("(#") + 2, text.length() - 1));
    }

    static Stream<Reply> qmailSuffixMatchesEnhancedCode() {
        return Stream.of(Replies.MAIL_FIRST, Replies.RCPT_FIRST, Replies.NESTED_MAIL,
                Replies.SYNTAX, Replies.BAD_ARGUMENTS, Replies.MAIL_SYNTAX, Replies.RCPT_SYNTAX,
                Replies.BAD_SENDER_SYNTAX, Replies.BAD_RECIPIENT_SYNTAX, Replies.UNIMPLEMENTED, Replies.UNRECOGNIZED,
                Replies.LINE_TOO_LONG, Replies.BARE_LINE_ENDING, Replies.NUL, Replies.MALFORMED,
                Replies.EIGHT_BIT_NEEDS_SMTPUTF8, Replies.DATA_BARE_LINE_ENDING, Replies.DATA_LINE_TOO_LONG,
                Replies.DATA_NUL, Replies.NOT_IN_RCPTHOSTS, Replies.BADMAILFROM, Replies.BADRCPTTO, Replies.TOO_BIG,
                Replies.LOOP, Replies.TOO_MANY_RECIPIENTS, Replies.TIMEOUT,
                Replies.QUEUE_FAILED, Replies.DISK_FULL, Replies.TALKED_FIRST, Replies.DENIED_BY_RULE);
    }
}
