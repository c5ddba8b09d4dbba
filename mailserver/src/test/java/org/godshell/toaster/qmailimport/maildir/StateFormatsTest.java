package org.godshell.toaster.qmailimport.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Courier's UID list and subscriptions turned into Dovecot's, and the names a Maildir may hold; hostile input. */
class StateFormatsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Converted.Done done(Converted converted) {
        return assertInstanceOf(Converted.Done.class, converted);
    }

    @Test
    void courierUidListBecomesVersion3WithBaseNames() {
        Converted.Done done = done(UidLists.fromCourier(bytes("1 1551000000 3\n1 a.b.host\n7 c.d.host:2,S\n\n")));
        assertEquals("3 V1551000000 N8\n1 :a.b.host\n7 :c.d.host\n", new String(done.content(), StandardCharsets.UTF_8));
        assertEquals(List.of(), done.leftOut());
    }

    @Test
    void badCourierLinesAreLeftOutByNumberNeverQuoted() {
        Converted.Done done = done(UidLists.fromCourier(bytes(
                "1 5 10\n3 a.host\n2 b.host\n4 ../../etc/passwd\n5 .hidden\nsecret-looking line\n9 c\u0001\n"
                        + "4294967295 d.host\n6 e.host\n")));
        assertEquals("3 V5 N10\n3 :a.host\n6 :e.host\n", new String(done.content(), StandardCharsets.UTF_8));
        assertEquals(List.of("courierimapuiddb line 3 has a UID out of order: left out",
                "courierimapuiddb line 4 names no message file: left out",
                "courierimapuiddb line 5 names no message file: left out",
                "courierimapuiddb line 6 is not 'UID NAME': left out",
                "courierimapuiddb line 7 names no message file: left out",
                "courierimapuiddb line 8 has a UID out of order: left out"), done.leftOut());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2 1 1\n", "1 0 5\n", "1 5 0\n", "1 4294967296 5\n", "1 5 99999999999\n",
        "1 5\n", "\u00ff\u00fe\n", "1 5 5 5\n"})
    void aBrokenCourierHeaderRefusesTheWholeList(String text) {
        assertInstanceOf(Converted.Refused.class, UidLists.fromCourier(bytes(text)));
    }

    @Test
    void theHighestUidDovecotTakesIsKept() {
        assertEquals("3 V5 N4294967295\n4294967294 :a.host\n", new String(done(UidLists.fromCourier(
                bytes("1 5 10\n4294967294 a.host\n"))).content(), StandardCharsets.UTF_8));
    }

    @Test
    void dovecotsOwnListNeedsItsVersionHeader() {
        assertNull(UidLists.dovecotProblem(bytes("3 V1 N2\n1 :a.host\n")));
        assertNull(UidLists.dovecotProblem(bytes("1 1 2\n1 a.host\n")));
        assertEquals(true, UidLists.dovecotProblem(bytes("")) != null);
        assertEquals(true, UidLists.dovecotProblem(bytes("2 1 2\n")) != null);
        assertEquals(true, UidLists.dovecotProblem(bytes("<html>")) != null);
    }

    @Test
    void courierSubscriptionsLoseTheirInboxPrefix() {
        Converted.Done done = done(Subscriptions.fromCourier(bytes(
                "INBOX\nINBOX.Sent\ninbox.Lists.Work\nshared.news\nINBOX.\nINBOX.a..b\nINBOX.x\u001b\n")));
        assertEquals("INBOX\nSent\nLists.Work\n", new String(done.content(), StandardCharsets.UTF_8));
        assertEquals(List.of("courierimapsubscribed line 4 is outside INBOX (a shared folder?): left out",
                "courierimapsubscribed line 5 names no folder: left out",
                "courierimapsubscribed line 6 names no folder: left out",
                "courierimapsubscribed line 7 names no folder: left out"), done.leftOut());
    }

    @Test
    void messageNames() {
        assertEquals(Optional.empty(), MaildirNames.messageProblem("1551675967.12345.mail.example.com:2,S"));
        assertEquals(Optional.empty(), MaildirNames.messageProblem("1700000000.M1P2Q3.host,S=42"));
        for (String bad : new String[] {"", "a/b", "..", ".hidden", ":2,S", "x\u0000y", "x\ny", "x\u007f",
            "bad\uFFFD", "x".repeat(256)}) {
            assertEquals(true, MaildirNames.messageProblem(bad).isPresent(), bad);
        }
        assertEquals("1551675967.12345.host", MaildirNames.base("1551675967.12345.host:2,S"));
        assertEquals("2,S", MaildirNames.info("1551675967.12345.host:2,S"));
        assertEquals("", MaildirNames.info("1551675967.12345.host"));
    }

    @Test
    void folderNames() {
        for (String good : new String[] {".Sent", ".Lists.Work", ".My Folder", ".&AMk-t&AOk-"}) {
            assertEquals(Optional.empty(), MaildirNames.folderProblem(good), good);
        }
        for (String bad : new String[] {".", "..", "...", "Sent", ".Sent.", "..Sent", ".a..b", ".a/b", "./..",
            ".x\u0001", ".\uFFFD", "." + "y".repeat(255)}) {
            assertEquals(true, MaildirNames.folderProblem(bad).isPresent(), bad);
        }
    }

    @Test
    void shownEscapesWhatCouldDriveATerminal() {
        assertEquals("a\\x1b[31mb\\x0ac\\x9bd", MaildirNames.shown("a\u001b[31mb\nc\u009bd"));
        assertEquals(".Entwürfe", MaildirNames.shown(".Entwürfe"));
    }
}
