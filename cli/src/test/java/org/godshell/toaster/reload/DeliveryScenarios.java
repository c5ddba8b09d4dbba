package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Map;

/**
 * The files delivery reads at each delivery: the message queued after an edit goes where, how and when the
 * edit says. Each scenario mails its own recipients, so that a message of another scenario never answers for it.
 */
final class DeliveryScenarios {

    private DeliveryScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("smtproutes", DeliveryScenarios::smtproutes,
                "helohost", DeliveryScenarios::helohost,
                "smarthostauth", DeliveryScenarios::smarthostauth,
                "timeoutconnect", DeliveryScenarios::timeoutconnect,
                "timeoutremote", DeliveryScenarios::timeoutremote,
                "queuelifetime", DeliveryScenarios::queuelifetime,
                "concurrencyremote", DeliveryScenarios::concurrencyremote,
                "concurrencylocal", DeliveryScenarios::concurrencylocal,
                "mtaststrust", DeliveryScenarios::mtaststrust,
                "dnssectrustanchors", DeliveryScenarios::dnssectrustanchors);
    }

    static void smtproutes(Installation t, Edits edits) throws Exception {
        Smtp.queue(t, Installation.USER, "a@switch.routed.test");
        Await.value("a@ at the first relay", () -> t.main.delivered("a@switch.routed.test"));
        edits.append("control/smtproutes", "switch.routed.test:[127.0.0.1]:" + t.second.port());
        Smtp.queue(t, Installation.USER, "b@switch.routed.test");
        Await.value("b@ at the second relay", () -> t.second.delivered("b@switch.routed.test"));
        assertTrue(t.main.delivered("b@switch.routed.test").isEmpty());
    }

    /** Also delivery's bad edit: a name that is not one keeps the last good name, and says so once. */
    static void helohost(Installation t, Edits edits) throws Exception {
        assertEquals(Installation.ME, helo(t, "a@helohost.routed.test"));
        edits.write("control/helohost", "out.reload.test\n");
        assertEquals("out.reload.test", helo(t, "b@helohost.routed.test"));

        edits.write("control/helohost", "not a host name\n");
        assertEquals("out.reload.test", helo(t, "c@helohost.routed.test"));
        assertEquals("out.reload.test", helo(t, "d@helohost.routed.test"));
        assertEquals(1, t.smtpd.count("keeping the last good value: " + t.control.resolve("helohost") + ":1: "),
                t.smtpd.log());
    }

    /** The EHLO name the main sink heard when a message for {@code recipient} came. */
    private static String helo(Installation t, String recipient) throws Exception {
        Smtp.queue(t, Installation.USER, recipient);
        return Await.value(recipient + " at the relay", () -> t.main.delivered(recipient)).helo;
    }

    static void smarthostauth(Installation t, Edits edits) throws Exception {
        Smtp.queue(t, Installation.USER, "a@auth.routed.test");
        assertEquals("", Await.value("a@ at the smarthost", () -> t.smarthost.delivered("a@auth.routed.test")).auth);
        edits.write("control/smarthostauth", "smarthost.sink.test relay-user relay secret\n", "rw-------");
        Smtp.queue(t, Installation.USER, "b@auth.routed.test");
        assertEquals("\0relay-user\0relay secret",
                Await.value("b@ at the smarthost", () -> t.smarthost.delivered("b@auth.routed.test")).auth);
    }

    /**
     * A relay whose SYNs go unanswered: with 1 s the delivery is deferred at once, where the default 60 s would
     * outlast the patience of {@link Admin#delivery}.
     */
    static void timeoutconnect(Installation t, Edits edits) throws Exception {
        assumeTrue(t.full != null, "this system completes connections beyond a full backlog");
        edits.write("control/timeoutconnect", "1\n");
        String id = Smtp.queue(t, Installation.USER, "a@full.routed.test");
        String line = Admin.delivery(t, id, "a@full.routed.test");
        assertTrue(line.contains(" deferred: ") && line.toLowerCase(Locale.ROOT).contains("timed out"), line);
    }

    /** A relay that never greets: with 1 s the delivery is deferred at once, not after RFC 5321's 5 minutes. */
    static void timeoutremote(Installation t, Edits edits) throws Exception {
        edits.write("control/timeoutremote", "1\n");
        String id = Smtp.queue(t, Installation.USER, "a@silent.routed.test");
        String line = Admin.delivery(t, id, "a@silent.routed.test");
        assertTrue(line.contains(" deferred: ") && line.contains("greeting"), line);
    }

    /**
     * A message the relay keeps deferring stays queued for a week by default; once queuelifetime is 1 s, its
     * next attempt ({@code toaster queue retry}) bounces it to its sender and removes it.
     */
    static void queuelifetime(Installation t, Edits edits) throws Exception {
        String id = Smtp.queue(t, Installation.USER, "a@defer.routed.test");
        assertTrue(Admin.delivery(t, id, "a@defer.routed.test").contains(" deferred: "));
        edits.write("control/queuelifetime", "1\n");
        // A retry within a second of the message's arrival only defers it again: ask until one bounces it.
        Await.until(id + " leaves the queue", () -> {
            Admin.toaster(t, "queue", "retry", id);
            return t.smtpd.log().contains("delivery " + id + ": done, removed from the queue");
        });
        Admin.inMailbox(t, "a@defer.routed.test");
    }

    /**
     * One message for two domains, both at a relay that holds every connection before its greeting: with a limit
     * of 1, the second domain waits while the first is held; raised to 2, it starts while the first is still held.
     */
    static void concurrencyremote(Installation t, Edits edits) throws Exception {
        edits.write("control/concurrencyremote", "1\n");
        try {
            String id = Smtp.queue(t, Installation.USER, "a@hold1.routed.test", "b@hold2.routed.test");
            Await.until("a first connection to the held relay", () -> t.gated.sessions.size() == 1);
            // A second connection in this window would break the limit. The wait can only miss a broken limit on
            // a slow machine; it never fails a working one.
            Thread.sleep(1_000);
            assertEquals(1, t.gated.sessions.size(), "a second delivery started beyond concurrencyremote 1");
            edits.write("control/concurrencyremote", "2\n");
            Await.until("a second connection while the first is held", () -> t.gated.sessions.size() == 2);
            t.gated.open();
            assertTrue(Admin.delivery(t, id, "a@hold1.routed.test").contains(" delivered: "));
            assertTrue(Admin.delivery(t, id, "b@hold2.routed.test").contains(" delivered: "));
        } finally {
            t.gated.open();
        }
    }

    /**
     * Local deliveries cannot be held open from outside (a Maildir write waits for nothing), so how many run at
     * once is not visible here: mailserver's PermitsTest shows the limit, read through the same live control file
     * as here, holding back and then letting through deliveries. Seen here: the running daemon reads the file
     * again at the next delivery, where a bad edit is logged once with file:line and local mail keeps arriving.
     */
    static void concurrencylocal(Installation t, Edits edits) throws Exception {
        edits.write("control/concurrencylocal", "0\n");
        for (String sender : new String[] {"first@sender.test", "second@sender.test"}) {
            String id = Smtp.queue(t, sender, Installation.USER);
            assertTrue(Admin.delivery(t, id, Installation.USER).contains(" delivered: "));
        }
        assertEquals(1, t.smtpd.count("keeping the last good value: " + t.control.resolve("concurrencylocal")
                + ":1: "), t.smtpd.log());
    }

    /**
     * MTA-STS applies to MX hosts, which this installation reaches only through smtproutes relays (where no
     * policy applies), so the authorities themselves are shown in mailserver's MtaStsDeliveryTest and WebPkiTest.
     * Seen here: the running daemon reads the file again at the next delivery, where a bad edit (a private key
     * pasted instead of a certificate) is logged once with file:line and mail keeps going out.
     */
    static void mtaststrust(Installation t, Edits edits) throws Exception {
        edits.write("control/mtaststrust", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n"
                + "-----END PRIVATE KEY-----\n");
        for (String recipient : new String[] {"a@trust.routed.test", "b@trust.routed.test"}) {
            Smtp.queue(t, Installation.USER, recipient);
            Await.value(recipient + " at the relay", () -> t.main.delivered(recipient));
        }
        assertEquals(1, t.smtpd.count("keeping the last good value: " + t.control.resolve("mtaststrust")
                + ":1: "), t.smtpd.log());
    }

    /**
     * DANE's trust anchors: like mtaststrust, read again at the next delivery; a bad edit (a record that is no
     * DS or DNSKEY) is logged once with file:line and mail keeps going out to the relay, which DANE never judges.
     */
    static void dnssectrustanchors(Installation t, Edits edits) throws Exception {
        edits.write("control/dnssectrustanchors", ". IN A 192.0.2.1\n");
        for (String recipient : new String[] {"a@anchors.routed.test", "b@anchors.routed.test"}) {
            Smtp.queue(t, Installation.USER, recipient);
            Await.value(recipient + " at the relay", () -> t.main.delivered(recipient));
        }
        assertEquals(1, t.smtpd.count("keeping the last good value: " + t.control.resolve("dnssectrustanchors")
                + ":1: "), t.smtpd.log());
    }
}
