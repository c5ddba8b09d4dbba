package org.godshell.toaster.authflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.authres.DeliveredFields;
import org.godshell.toaster.dkim.SignatureTags;
import org.godshell.toaster.dkim.TagList;
import org.godshell.toaster.dns.DkimZone;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.reload.Admin;
import org.godshell.toaster.reload.Edits;
import org.godshell.toaster.reload.Smtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's "real peers": a user of sender.test submits mail at one toaster, which signs it with the domain's
 * RSA and Ed25519 keys and delivers it to another toaster (smtproutes), which verifies both signatures, SPF
 * and DMARC, and writes them in its Authentication-Results; forgeries of the From domain sent straight to the
 * receiver meet the domain's DMARC policy as control/dmarcpolicy applies it.
 *
 * <p>The fixture DNS publishes for sender.test what its admin would: the DKIM records {@code toaster dns}
 * prints, SPF for 127.0.0.1 (where the sender's mail comes from) and DMARC {@code p=reject}; careful.test asks
 * for {@code p=quarantine}. A forger's MAIL FROM is at elsewhere.test: on loopback, one at sender.test would
 * pass SPF and so DMARC, since the forger connects from the same address as the sending toaster.
 */
class AuthFlowTest {

    private static final String USER = "user@sender.test";
    private static final String RECIPIENT = "someone@receiver.test";
    private static final String FORGER = "x@elsewhere.test";

    @TempDir
    static Path temp;
    private static final List<AutoCloseable> started = new ArrayList<>();
    private static Peer sender;
    private static Peer receiver;
    private static List<DkimZone.Key> published;

    @BeforeAll
    static void start() throws Exception {
        FixtureDns dns = new FixtureDns().txt("sender.test.", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.sender.test.", "v=DMARC1; p=reject")
                .txt("_dmarc.careful.test.", "v=DMARC1; p=quarantine");
        started.add(dns);
        receiver = Peer.start(temp.resolve("receiver"), "mx.receiver.test", RECIPIENT, dns, Map.of());
        started.add(receiver);
        sender = Peer.start(temp.resolve("sender"), "mx.sender.test", USER, dns,
                Map.of("smtproutes", "receiver.test:[127.0.0.1]:" + receiver.smtpPort + "\n"));
        started.add(sender);
        published = DkimZone.publishDkim(dns, Admin.toaster(sender.prefix, "dns", "--domain", "sender.test"));
        assertEquals(List.of("ed25519", "rsa"), published.stream().map(AuthFlowTest::keyType).sorted().toList(),
                "toaster domain add makes an RSA and an Ed25519 key, and toaster dns prints both");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : started.reversed()) {
            part.close();
        }
    }

    @AfterEach
    void bothStillRun() throws Exception {
        sender.assertAlive();
        receiver.assertAlive();
    }

    @Test
    void mailSubmittedAtTheSenderArrivesSignedTwiceAndPassesEveryCheckAtTheReceiver() throws Exception {
        String subject = "Subject: from the sending toaster";
        String queued = sender.submit(USER, RECIPIENT, "From: User <" + USER + ">\r\nTo: <" + RECIPIENT + ">\r\n"
                + subject + "\r\n\r\nSigned at sender.test, verified at receiver.test.\r\n");
        assertTrue(queued.startsWith("250 "), queued);

        String message = receiver.delivered(RECIPIENT, "", subject);
        List<String> results = DeliveredFields.results(message, receiver.me);
        assertEquals("pass", DeliveredFields.result(results, "spf"), message);
        assertEquals("pass", DeliveredFields.result(results, "dmarc"), message);
        List<String> signatures = DeliveredFields.values(message, "DKIM-Signature");
        assertEquals(published.size(), signatures.size(), message);
        for (DkimZone.Key key : published) {
            assertTrue(results.stream().map(part -> List.of(part.split(" "))).anyMatch(words -> words.getFirst()
                    .equals("dkim=pass") && words.contains("header.d=sender.test")
                    && words.contains("header.s=" + key.selector())), "a pass for " + key.selector() + " in " + results);
            assertTrue(signatures.stream().map(AuthFlowTest::tags).anyMatch(tags -> tags.domain()
                    .equals("sender.test") && tags.selector().equals(key.selector())
                    && tags.algorithm().keyType().equals(keyType(key))), "a signature by " + key.selector()
                    + " in " + signatures);
        }
    }

    @Test
    void aForgeryOfADomainThatAsksForRejectIsRefused() throws Exception {
        String reply = Smtp.message(receiver.smtpPort, FORGER, RECIPIENT, forgery("boss@sender.test", "refused"));
        assertTrue(reply.startsWith("550 5.7.1 rejected by the DMARC policy of sender.test"), reply);
    }

    @Test
    void underDmarcpolicyJunkTheForgeryIsFiledInJunk() throws Exception {
        try (Edits edits = new Edits(receiver.prefix)) {
            edits.write("control/dmarcpolicy", "junk\n");
            String reply = Smtp.message(receiver.smtpPort, FORGER, RECIPIENT, forgery("boss@sender.test", "junked"));
            assertTrue(reply.startsWith("250 "), reply);
        }
        assertJunked("junked");
    }

    @Test
    void aForgeryOfADomainThatAsksForQuarantineIsFiledInJunk() throws Exception {
        String reply = Smtp.message(receiver.smtpPort, FORGER, RECIPIENT, forgery("x@careful.test", "quarantined"));
        assertTrue(reply.startsWith("250 "), reply);
        assertJunked("quarantined");
    }

    /** The forgery with {@code subject} is in the recipient's Junk, with dmarc=fail, and not in the inbox. */
    private static void assertJunked(String subject) throws Exception {
        String message = receiver.delivered(RECIPIENT, ".Junk", "Subject: " + subject);
        List<String> results = DeliveredFields.results(message, receiver.me);
        assertEquals("fail", DeliveredFields.result(results, "dmarc"), message);
        assertEquals("none", DeliveredFields.result(results, "dkim"), message);
        assertFalse(receiver.holds(RECIPIENT, "", "Subject: " + subject), "not in the inbox too");
    }

    private static String forgery(String from, String subject) {
        return "From: " + from + "\r\nTo: " + RECIPIENT + "\r\nSubject: " + subject + "\r\n\r\nPay this now.\r\n";
    }

    private static SignatureTags tags(String signature) {
        try {
            return SignatureTags.parse(TagList.parse(signature, SignatureTags.MAX_FIELD), SignatureTags.Form.DKIM);
        } catch (Exception e) {
            throw new AssertionError("a DKIM-Signature that does not parse: " + signature, e);
        }
    }

    private static String keyType(DkimZone.Key key) {
        try {
            return key.keyType();
        } catch (Exception e) {
            throw new AssertionError("a published key record that does not parse: " + key, e);
        }
    }
}
