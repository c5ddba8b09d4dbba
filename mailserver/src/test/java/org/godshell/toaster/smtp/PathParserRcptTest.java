package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RCPT TO: arguments, ESMTP parameters and the printed form of a Mailbox. */
class PathParserRcptTest {

    private static Arguments ok(String argument, boolean utf8, String local, String domain) {
        return Arguments.of(argument, utf8, local, domain, null);
    }

    private static Arguments bad(String argument, boolean utf8, String reply) {
        return Arguments.of(argument, utf8, null, null, reply);
    }

    static Stream<Arguments> rcpt() {
        return Stream.of(
                ok(" TO:<c@d.example>", false, "c", "d.example"),
                ok(" to:<c@d.example>", false, "c", "d.example"),
                ok(" To: <c@d.example>", false, "c", "d.example"),
                ok(" TO:<postmaster>", false, "postmaster", ""),
                ok(" TO:<PostMaster>", false, "postmaster", ""),
                ok(" TO:<\"postmaster\">", false, "postmaster", ""),
                ok(" TO:<Postmaster@d.example>", false, "Postmaster", "d.example"),
                ok(" TO:<user%relay.example@d.example>", false, "user%relay.example", "d.example"),
                ok(" TO:<@hop.example:c@d.example>", false, "c", "d.example"),
                ok(" TO:<c@[IPv6:2001:db8::25]>", false, "c", "[IPv6:2001:db8::25]"),
                ok(" TO:<\u00fc@d.example>", true, "\u00fc", "d.example"),
                ok(" TO:<c@d.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c@d.example", false, "c", "d.example"),
                bad(" TO:<>", false, "501 5.1.3"),
                bad(" TO:<user>", false, "501 5.1.3"),
                bad(" TO:<postmaster.>", false, "501 5.1.3"),
                bad(" TO:<@hop.example:postmaster>", false, "501 5.1.3"),
                bad(" TO:<;sleep 5;>", false, "501 5.1.3"),
                bad(" TO:<`reboot`@d.example>", false, "501 5.1.3"),
                bad(" TO:c@d.example", false, "501 5.1.3"),
                bad(" TO:<c@d.example>junk", false, "501 5.1.3"),
                bad(" TO:<c@d.example> NOTIFY=", false, "555 5.5.4"),
                bad(" TO:<\u00fc@d.example>", false, "553 5.6.7"),
                bad(" FROM:<c@d.example>", false, "501 5.5.4"),
                bad(" TO", false, "501 5.5.4"),
                bad("", false, "501 5.5.4"));
    }

    @ParameterizedTest
    @MethodSource
    void rcpt(String argument, boolean utf8, String local, String domain, String reply) throws PathException {
        if (reply != null) {
            PathException e = assertThrows(PathException.class, () -> PathParser.parseRcpt(argument, utf8));
            assertEquals(reply, e.reply().code() + " " + e.reply().enhanced(), e.getMessage());
            return;
        }
        Mailbox mailbox = PathParser.parseRcpt(argument, utf8).recipient();
        assertEquals(new Mailbox(local, domain), mailbox);
        assertEquals(mailbox, PathParser.parseRcpt(" TO:<" + mailbox + ">", utf8).recipient());
    }

    static Stream<Arguments> printed() {
        return Stream.of(
                Arguments.of(new Mailbox("a", "b.example"), "a@b.example"),
                Arguments.of(new Mailbox("a b", "b.example"), "\"a b\"@b.example"),
                Arguments.of(new Mailbox("a\"b\\c", "b.example"), "\"a\\\"b\\\\c\"@b.example"),
                Arguments.of(new Mailbox(".a", "b.example"), "\".a\"@b.example"),
                Arguments.of(new Mailbox("a..b", "b.example"), "\"a..b\"@b.example"),
                Arguments.of(new Mailbox("`id`", "b.example"), "\"`id`\"@b.example"),
                Arguments.of(new Mailbox("postmaster", ""), "postmaster"),
                Arguments.of(new Mailbox("x", "[192.0.2.1]"), "x@[192.0.2.1]"));
    }

    @ParameterizedTest
    @MethodSource
    void printed(Mailbox mailbox, String text) {
        assertEquals(text, mailbox.toString());
    }

    @Test
    void mailParametersKeepOrderUpperCaseKeysAndNullValues() throws PathException {
        MailArguments m = PathParser.parseMail(" FROM:<a@b.example> size=1000 Body=8BITMIME  SMTPUTF8 ", true);
        Map<String, String> want = new LinkedHashMap<>();
        want.put("SIZE", "1000");
        want.put("BODY", "8BITMIME");
        want.put("SMTPUTF8", null);
        assertEquals(want, m.parameters());
        assertEquals(List.copyOf(want.keySet()), List.copyOf(m.parameters().keySet()));
        assertEquals(OptionalLong.of(1000), m.size());
        assertTrue(m.smtputf8());
        assertThrows(UnsupportedOperationException.class, () -> m.parameters().put("X", "y"));
    }

    @Test
    void sizeBeyondLongSaturates() throws PathException {
        MailArguments m = PathParser.parseMail(" FROM:<> SIZE=99999999999999999999", false);
        assertEquals(OptionalLong.of(Long.MAX_VALUE), m.size());
        assertFalse(m.smtputf8());
        assertEquals(OptionalLong.empty(), PathParser.parseMail(" FROM:<>", false).size());
    }

    @Test
    void domainKeptAsGivenAndLowerCasedOnRequest() throws PathException {
        Mailbox m = PathParser.parseRcpt(" TO:<Joe@Example.ORG>", false).recipient();
        assertEquals("Example.ORG", m.domain());
        assertEquals("example.org", m.domainLower());
        assertFalse(m.isBarePostmaster());
        assertTrue(PathParser.parseRcpt(" TO:<postmaster>", false).recipient().isBarePostmaster());
    }
}
