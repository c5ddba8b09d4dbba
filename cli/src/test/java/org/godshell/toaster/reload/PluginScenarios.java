package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.godshell.toaster.config.ScannerAddress;
import org.godshell.toaster.filter.rspamd.FakeRspamd;

/** The qmail-spp plugin file and the files its plugins read: what the next session's plugins do. */
final class PluginScenarios {

    private static final String EXECUTABLE = "rwxr-xr-x";
    private static final String CLAMD_FAILURE = "451 4.3.0 qmail-spp failure: builtin:clamav: clamd at 127.0.0.1 port ";

    private PluginScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("smtpplugins", PluginScenarios::smtpplugins,
                "spptimeout", PluginScenarios::spptimeout,
                "validrcptto", PluginScenarios::validrcptto,
                "dnsservers", PluginScenarios::dnsservers,
                "clamd", PluginScenarios::clamd,
                "rspamd", PluginScenarios::rspamd);
    }

    static void smtpplugins(Installation t, Edits edits) throws Exception {
        assertEquals("250 2.1.0 ok", Smtp.mailFrom(t, "someone@sender.test"));
        edits.write("plugins/refuse", "#!/bin/sh\necho 'E550 5.7.1 no'\n", EXECUTABLE);
        edits.write("control/smtpplugins", "[mail]\nplugins/refuse\n");
        assertEquals("550 5.7.1 no", Smtp.mailFrom(t, "someone@sender.test"));
    }

    /**
     * The reply to a plugin that outlives its timeout names the timeout in use, so the edit is seen without
     * timing anything: 1 s here, where the default is 10 s.
     */
    static void spptimeout(Installation t, Edits edits) throws Exception {
        edits.write("plugins/sleep", "#!/bin/sh\nexec sleep 30\n", EXECUTABLE);
        edits.write("control/spptimeout", "1\n");
        edits.write("control/smtpplugins", "[mail]\nplugins/sleep\n");
        String reply = Smtp.mailFrom(t, "someone@sender.test");
        assertTrue(reply.startsWith("451 4.3.0 qmail-spp failure: ") && reply.contains("timeout after 1 s"), reply);
    }

    /** validrcptto is read at each RCPT, so the edit applies inside the open session. */
    static void validrcptto(Installation t, Edits edits) throws Exception {
        edits.write("control/smtpplugins", "[rcpt]\nbuiltin:chkuser\n");
        assertEquals(250, Smtp.rcpt(t, "carol@valid.test"), "a domain validrcptto does not name is not checked");
        edits.write("control/validrcptto", "bob@valid.test\n");
        try (Talk talk = Talk.to(t.smtpPort)) {
            talk.reply();
            talk.smtp("EHLO client.test");
            talk.smtp("MAIL FROM:<" + Installation.USER + ">");
            assertTrue(talk.smtp("RCPT TO:<carol@valid.test>").startsWith("550 5.1.1 "));
            edits.append("control/validrcptto", "carol@valid.test");
            assertEquals("250 2.1.5 ok", talk.smtp("RCPT TO:<carol@valid.test>"));
        }
    }

    /**
     * Both readers of dnsservers follow it: delivery resolving an smtproutes relay that only the other DNS
     * server knows, and builtin:rbl, which finds 127.0.0.1 listed only there.
     */
    static void dnsservers(Installation t, Edits edits) throws Exception {
        String unknown = Smtp.queue(t, Installation.USER, "a@dns.routed.test");
        assertFalse(Admin.delivery(t, unknown, "a@dns.routed.test").contains(" delivered: "));
        edits.write("control/dnsservers", Installation.nameserver(t.otherDns) + "\n");
        String known = Smtp.queue(t, Installation.USER, "b@dns.routed.test");
        assertTrue(Admin.delivery(t, known, "b@dns.routed.test").contains(" delivered: "));

        edits.write("control/smtpplugins", "[connection]\nbuiltin:rbl bl.test\n");
        assertEquals(550, Smtp.rcpt(t, "c@dns.routed.test"), "listed at the other DNS server");
        edits.write("control/dnsservers", Installation.nameserver(t.dns) + "\n");
        assertEquals(250, Smtp.rcpt(t, "c@dns.routed.test"), "not listed at the first");
    }

    /**
     * builtin:clamav asks control/clamd at each message. Nothing listens at either address, so the 451 of the
     * final dot names the port in use, before and after the edit; no clamd needed.
     */
    static void clamd(Installation t, Edits edits) throws Exception {
        int first = Admin.freePort();
        int second = Admin.freePort();
        while (second == first) {
            second = Admin.freePort();
        }
        edits.write("control/smtpplugins", "[body]\nbuiltin:clamav\n");
        edits.write("control/clamd", "127.0.0.1:" + first + "\n");
        String before = scanned(t);
        assertTrue(before.startsWith(CLAMD_FAILURE + first + ": "), before);
        edits.write("control/clamd", "127.0.0.1:" + second + "\n");
        String after = scanned(t);
        assertTrue(after.startsWith(CLAMD_FAILURE + second + ": "), after);
    }

    private static String scanned(Installation t) throws Exception {
        return Smtp.message(t, "x@elsewhere.test", Installation.USER,
                "From: <x@elsewhere.test>\r\nSubject: scan me\r\n\r\nhello\r\n");
    }

    /**
     * builtin:rspamd in [body] asks the rspamd control/rspamd names: a fake one that refuses the message, then,
     * after the edit, one that takes it.
     */
    static void rspamd(Installation t, Edits edits) throws Exception {
        try (FakeRspamd refusing = FakeRspamd.onLoopback(c -> answerEach(c, "{\"score\":20,\"required_score\":15,"
                + "\"action\":\"reject\",\"messages\":{\"smtp_message\":\"Gtube pattern\"}}"));
                FakeRspamd taking = FakeRspamd.onLoopback(c -> answerEach(c, FakeRspamd.NO_ACTION))) {
            edits.write("control/rspamd", ScannerAddress.describe(refusing.address()) + "\n");
            edits.write("control/smtpplugins", "[body]\nbuiltin:rspamd\n");
            String message = "From: x@elsewhere.test\r\nSubject: lunch\r\n\r\nShall we?\r\n";
            assertEquals("554 5.7.1 message rejected as spam: Gtube pattern",
                    Smtp.message(t, "x@elsewhere.test", Installation.USER, message));
            edits.write("control/rspamd", ScannerAddress.describe(taking.address()) + "\n");
            String taken = Smtp.message(t, "x@elsewhere.test", Installation.USER, message);
            assertTrue(taken.startsWith("250 "), taken);
            assertEquals(1, taking.requests.size(), "the message went to the rspamd of the edit");
        }
    }

    private static void answerEach(FakeRspamd.Conversation connection, String json) throws Exception {
        while (connection.request() != null) {
            connection.answer(json, true);
        }
    }
}
