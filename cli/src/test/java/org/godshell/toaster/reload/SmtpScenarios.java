package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The files smtpd reads at each connection: what the next session sees after an edit. */
final class SmtpScenarios {

    /** A PROXY protocol v1 header for a client at 192.0.2.9. */
    private static final String PROXIED = "PROXY TCP4 192.0.2.9 127.0.0.1 5555 25";

    private SmtpScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.ofEntries(Map.entry("me", SmtpScenarios::me),
                Map.entry("smtpgreeting", SmtpScenarios::smtpgreeting),
                Map.entry("rcpthosts", SmtpScenarios::rcpthosts),
                Map.entry("morercpthosts", SmtpScenarios::morercpthosts),
                Map.entry("databytes", SmtpScenarios::databytes),
                Map.entry("badmailfrom", SmtpScenarios::badmailfrom),
                Map.entry("badrcptto", SmtpScenarios::badrcptto),
                Map.entry("maxrcpt", SmtpScenarios::maxrcpt),
                Map.entry("timeoutsmtpd", SmtpScenarios::timeoutsmtpd),
                Map.entry("concurrencyincoming", (t, edits) -> limit(t, edits, "concurrencyincoming")),
                Map.entry("concurrencyperip", SmtpScenarios::concurrencyperip),
                Map.entry("tcp.smtp", SmtpScenarios::tcpSmtp),
                Map.entry("proxyfrom", SmtpScenarios::proxyfrom));
    }

    /** me is read by every daemon: smtpd and pop3d at the next connection, delivery at the next delivery. */
    static void me(Installation t, Edits edits) throws Exception {
        assertEquals("220 reload.test ESMTP", Smtp.greeting(t));
        edits.write("control/me", "renamed.reload.test\n");
        assertEquals("220 renamed.reload.test ESMTP", Smtp.greeting(t));
        assertEquals("+OK renamed.reload.test POP3 server ready", Pop3.greeting(t));
        String id = Smtp.queue(t, Installation.USER, "someone@me.routed.test");
        assertEquals("renamed.reload.test", Await.value("delivery of " + id,
                () -> t.main.delivered("someone@me.routed.test")).helo, "without helohost, EHLO gives me");
        // The wiki writes me into every page it builds, so it needs a restart, and showconfig says so.
        assertTrue(Admin.readAtStart(t, "wiki").contains("me"), Admin.toaster(t, "showconfig"));
    }

    static void smtpgreeting(Installation t, Edits edits) throws Exception {
        assertEquals("220 reload.test ESMTP", Smtp.greeting(t));
        edits.write("control/smtpgreeting", "reload.test, the test of the reload rule\n");
        assertEquals("220 reload.test, the test of the reload rule ESMTP", Smtp.greeting(t));
    }

    /**
     * The bug of issue 17: {@code toaster domain add} wrote rcpthosts, and the running server refused the domain
     * until it was restarted.
     */
    static void rcpthosts(Installation t, Edits edits) throws Exception {
        assertEquals(553, Smtp.rcpt(t, "someone@added.test"));
        edits.append("control/rcpthosts", "added.test");
        assertEquals(250, Smtp.rcpt(t, "someone@added.test"));
        assertEquals(404, Admin.autoconfig(t, "added.test").statusCode(), "no virtual domain: no mail clients");

        // A new virtual domain has no users yet; postmaster is the address every domain accepts (RFC 5321 §4.5.1).
        assertEquals(553, Smtp.rcpt(t, "postmaster@joined.test"));
        assertEquals(404, Admin.autoconfig(t, "joined.test").statusCode());
        edits.remember("domains/joined.test");
        Admin.toaster(t, "domain", "add", "joined.test");
        assertEquals(250, Smtp.rcpt(t, "postmaster@joined.test"));
        assertEquals(550, Smtp.rcpt(t, "someone@joined.test"));
        // The wiki serves its mail clients' settings at once too (issue 21).
        assertTrue(Admin.autoconfig(t, "joined.test").body().contains("<emailProvider id=\"joined.test\">"));
    }

    /** With a virtual domain more.test, so that the wiki's mail-client settings follow the file too (issue 21). */
    static void morercpthosts(Installation t, Edits edits) throws Exception {
        edits.write("domains/more.test/passwd", "");
        assertEquals(553, Smtp.rcpt(t, "postmaster@more.test"));
        assertEquals(404, Admin.autoconfig(t, "more.test").statusCode(), "mailboxes, but its mail is refused");
        edits.write("control/morercpthosts", "more.test\n");
        assertEquals(250, Smtp.rcpt(t, "postmaster@more.test"));
        assertEquals(200, Admin.autoconfig(t, "more.test").statusCode());
    }

    static void databytes(Installation t, Edits edits) throws Exception {
        assertTrue(Smtp.ehlo(t).lines().anyMatch(line -> line.equals("250-SIZE")), "no limit: SIZE without a value");
        edits.write("control/databytes", "1000\n");
        String ehlo = Smtp.ehlo(t);
        assertTrue(ehlo.lines().anyMatch(line -> line.equals("250-SIZE 1000")), ehlo);
    }

    /** As in qmail, a sender in badmailfrom is refused at RCPT. */
    static void badmailfrom(Installation t, Edits edits) throws Exception {
        String recipient = "someone@badmailfrom.routed.test";
        assertEquals(List.of("250 2.1.5 ok"), Smtp.replies(t, "spammer@bad.test", recipient));
        edits.write("control/badmailfrom", "spammer@bad.test\n");
        assertEquals(List.of("553 5.7.1 sorry, your envelope sender is in my badmailfrom list (#5.7.1)"),
                Smtp.replies(t, "spammer@bad.test", recipient));
    }

    static void badrcptto(Installation t, Edits edits) throws Exception {
        assertEquals(250, Smtp.rcpt(t, "victim@badrcptto.routed.test"));
        edits.write("control/badrcptto", "victim@badrcptto.routed.test\n");
        assertEquals(553, Smtp.rcpt(t, "victim@badrcptto.routed.test"));
    }

    /** Also smtpd's bad edit: a number that is not one keeps the last good limit, and says so once. */
    static void maxrcpt(Installation t, Edits edits) throws Exception {
        String[] two = {"a@maxrcpt.routed.test", "b@maxrcpt.routed.test"};
        assertEquals(List.of(250, 250), Smtp.rcpts(t, two));
        edits.write("control/maxrcpt", "1\n");
        assertEquals(List.of(250, 452), Smtp.rcpts(t, two));

        edits.write("control/maxrcpt", "fifty\n");
        assertEquals(List.of(250, 452), Smtp.rcpts(t, two));
        assertEquals(List.of(250, 452), Smtp.rcpts(t, two));
        assertEquals(1, t.smtpd.count("keeping the last good value: " + t.control.resolve("maxrcpt") + ":1: "),
                t.smtpd.log());
    }

    /** The server ends an idle session itself: at once with 1, where the default would wait 1200 s. */
    static void timeoutsmtpd(Installation t, Edits edits) throws Exception {
        edits.write("control/timeoutsmtpd", "1\n");
        try (Talk talk = Talk.to(t.smtpPort)) {
            assertTrue(talk.reply().startsWith("220"));
            Optional<String> said;
            do {
                said = talk.line();                            // Talk fails if the server stays silent
            } while (said.isPresent());
        }
    }

    /** With a limit of 1, a second connection while one is open gets 421 and is closed. */
    private static void limit(Installation t, Edits edits, String file) throws Exception {
        edits.write("control/" + file, "1\n");
        try (Talk held = Smtp.admitted(t.smtpPort, "220 ")) {
            assertTrue(Smtp.greeting(t).startsWith("421 4.3.2 reload.test too many connections"));
            assertTrue(held.smtp("QUIT").startsWith("221 "), "the session let in goes on");
        }
    }

    /**
     * concurrencyperip rations strangers only: loopback is one of the toaster's own networks and spared, so the
     * clients here are ones a listed proxy names.
     */
    static void concurrencyperip(Installation t, Edits edits) throws Exception {
        edits.write("control/proxyfrom", "127.0.0.1\n");
        edits.write("control/concurrencyperip", "1\n");
        try (Talk held = Talk.to(t.smtpPort)) {
            held.send(PROXIED);
            assertTrue(held.reply().startsWith("220 "));
            try (Talk second = Talk.to(t.smtpPort)) {
                second.send(PROXIED);
                assertTrue(second.reply().startsWith("421 4.3.2 reload.test too many connections"));
            }
            assertTrue(held.smtp("QUIT").startsWith("221 "), "the session let in goes on");
        }
    }

    static void tcpSmtp(Installation t, Edits edits) throws Exception {
        assertEquals(553, Smtp.rcpt(t, "someone@elsewhere.test"));
        edits.write("control/tcp.smtp", "127.0.0.1:allow,RELAYCLIENT=\"\"\n");
        assertEquals(250, Smtp.rcpt(t, "someone@elsewhere.test"), "the rule's variables apply too");
        edits.write("control/tcp.smtp", "127.0.0.1:deny\n");
        assertTrue(Smtp.greeting(t).startsWith("554 5.7.1 "));
    }

    /**
     * Once 127.0.0.1 is a listed proxy, the client its PROXY header names is judged: a rule that denies that
     * client refuses the connection. Before, the same line after the greeting is an unknown command.
     */
    static void proxyfrom(Installation t, Edits edits) throws Exception {
        edits.write("control/tcp.smtp", "127.0.0.1:allow\n192.0.2.9:deny\n");
        try (Talk talk = Smtp.admitted(t.smtpPort, "220 ")) {
            assertTrue(talk.smtp(PROXIED).startsWith("500 "), "an unlisted client is not believed");
        }
        edits.write("control/proxyfrom", "127.0.0.1\n");
        try (Talk talk = Talk.to(t.smtpPort)) {
            talk.send(PROXIED);
            assertTrue(talk.reply().startsWith("554 5.7.1 "), "the proxied client's rule applies");
        }
    }
}
