package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.arc.ChainResult;
import org.godshell.toaster.arc.ChainVerdict;
import org.godshell.toaster.arc.ChainVerifier;
import org.godshell.toaster.arc.Sealer;
import org.godshell.toaster.arc.Sealing;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.DkimResult;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.Signer;
import org.godshell.toaster.dkim.Signing;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.Verifier;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.msgauth.AuthSettings;
import org.godshell.toaster.msgauth.Forwarding;
import org.godshell.toaster.msgauth.MailAuthentication;
import org.godshell.toaster.msgauth.MessageMemory;
import org.godshell.toaster.msgauth.SigningKeys;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks after the final dot, through a real session (issue 19): mail from outside gets our
 * Authentication-Results with DKIM, SPF and DMARC, a forged one is dropped, a DMARC reject is refused and a
 * quarantine filed in Junk, a DNS failure is 451; mail from a trusted client is signed with its From domain's
 * keys. Every DNS question goes to a fixture server on loopback.
 */
class MessageChecksDialogueTest {

    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 ok \\d+ qp (\\S+)");
    private static final KeyPair SENDER_KEY = KeyFiles.generate(Algorithm.ED25519_SHA256);
    private static final KeyPair OUR_KEY = KeyFiles.generate(Algorithm.ED25519_SHA256);
    private static final KeyPair LIST_KEY = KeyFiles.generate(Algorithm.RSA_SHA256);
    private static final KeyPair OUR_RSA_KEY = KeyFiles.generate(Algorithm.RSA_SHA256);

    @TempDir
    Path root;
    private FixtureDns dns;
    private TestServer server;

    @BeforeEach
    void dns() throws Exception {
        dns = new FixtureDns();
        dns.txt("sel._domainkey.signed.example.", PublishedKey.txt(SENDER_KEY.getPublic()));
        dns.txt("_dmarc.signed.example.", "v=DMARC1; p=reject");
        dns.txt("_dmarc.careful.example.", "v=DMARC1; p=quarantine");
        dns.txt("ours._domainkey.local.test.", PublishedKey.txt(OUR_KEY.getPublic()));
        dns.txt("ours-rsa._domainkey.local.test.", PublishedKey.txtStrings(OUR_RSA_KEY.getPublic())
                .toArray(String[]::new));
        dns.servfail("_dmarc.broken.example.");
        dns.txt("arc._domainkey.lists.example.", PublishedKey.txtStrings(LIST_KEY.getPublic()).toArray(String[]::new));
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        dns.close();
    }

    private TestServer start(String tcpSmtp, String dmarcPolicy) throws Exception {
        return start(tcpSmtp, dmarcPolicy, Map.of());
    }

    private TestServer start(String tcpSmtp, String dmarcPolicy, Map<String, String> more) throws Exception {
        Map<String, String> control = TestServer.defaults();
        control.putAll(more);
        control.put("dnsservers", "127.0.0.1:" + dns.address().getPort() + "\n");
        control.put("tcp.smtp", tcpSmtp);
        if (dmarcPolicy != null) {
            control.put("dmarcpolicy", dmarcPolicy + "\n");
        }
        SigningKeys keys = domain -> domain.equals("local.test") ? List.of(new SigningKey("ours", OUR_KEY.getPrivate()),
                new SigningKey("ours-rsa", OUR_RSA_KEY.getPrivate())) : List.of();
        Forwarding forwarding = recipients -> recipients.contains("fwd@local.test") ? Optional.of("local.test")
                : Optional.empty();
        server = new TestServer(root, control, Map.of(), Logins.none(), dir -> new MailAuthentication(
                Live.of(new Controls(dir, line -> { }), AuthSettings::make, line -> { }), keys, forwarding,
                new MessageMemory(MessageMemory.DEFAULT_BYTES), Clock.systemUTC()));
        return server;
    }

    /** Sends one message; the reply to its final dot. */
    private String send(String from, String message) throws IOException {
        return send(from, "ann@local.test", message);
    }

    private String send(String from, String to, String message) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            DialogueTest.readLine(in);
            String dialogue = "HELO client.example\r\nMAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\nDATA\r\n";
            socket.getOutputStream().write(dialogue.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 4; i++) {
                DialogueTest.readLine(in);
            }
            socket.getOutputStream().write((message + ".\r\n").getBytes(StandardCharsets.UTF_8));
            return DialogueTest.readLine(in);
        }
    }

    private QueuedMessage stored(String reply) throws IOException {
        Matcher queued = QUEUED.matcher(reply);
        assertTrue(queued.find(), reply);
        return server.queue.read(new QueueId(queued.group(1)));
    }

    private static String text(QueuedMessage message) throws IOException {
        try (InputStream in = message.openMessage()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String signed(String message) {
        Signing signing = new Signer("signed.example", List.of(new SigningKey("sel", SENDER_KEY.getPrivate())),
                Clock.systemUTC()).sign(message.getBytes(StandardCharsets.UTF_8));
        return String.join("", ((Signing.Signed) signing).fields()) + message;
    }

    @Test
    void aSignedMessageFromOutsidePassesAndAForgedResultIsDropped() throws Exception {
        start("", null);
        String message = "Authentication-Results: mx.test; dmarc=pass (forged by the sender)\r\n"
                + signed("From: Ann <ann@signed.example>\r\nTo: ann@local.test\r\nSubject: hi\r\n\r\nhello\r\n");
        QueuedMessage stored = stored(send("ann@signed.example", message));
        String text = text(stored);
        assertTrue(text.startsWith("Authentication-Results: mx.test;\r\n\tspf=none"), text);
        assertTrue(text.contains("dkim=pass"), text);
        assertTrue(text.contains("header.d=signed.example"), text);
        assertTrue(text.contains("dmarc=pass"), text);
        assertFalse(text.contains("forged by the sender"), "the forged field is gone:\n" + text);
        assertEquals(Folder.INBOX, stored.folder());
        assertTrue(server.log().contains("dkim=pass:signed.example spf=none dmarc=pass:signed.example"),
                server.log());
    }

    @Test
    void aForgeryOfADomainThatAsksForRejectIsRefusedOrJunkedAsTheAdminSays() throws Exception {
        String forged = "From: boss@signed.example\r\nSubject: pay this\r\n\r\nnow\r\n";
        start("", null);
        String reply = send("boss@elsewhere.example", forged);
        assertTrue(reply.startsWith("550 5.7.1 rejected by the DMARC policy of signed.example"), reply);
        server.close();
        server = null;

        start("", "junk");
        QueuedMessage junked = stored(send("boss@elsewhere.example", forged));
        assertEquals(Folder.JUNK, junked.folder());
        assertTrue(text(junked).contains("dmarc=fail"), text(junked));
    }

    /**
     * A mailing list changed a message of a p=reject domain (its DKIM signature no longer verifies) and sealed it
     * with ARC: the fail is refused, unless control/arcsealers trusts the list (RFC 8617 §7.2).
     */
    @Test
    void aPassingArcChainOfATrustedSealerOverridesADmarcFail() throws Exception {
        String changed = "From: ann@signed.example\r\nSubject: [list] hi\r\n\r\nhello\r\n-- \r\nthe list\r\n";
        Sealing sealing = new Sealer("lists.example", List.of(new SigningKey("arc", LIST_KEY.getPrivate())),
                Clock.systemUTC()).seal(changed.getBytes(StandardCharsets.UTF_8), "lists.example",
                List.of(new MethodResult("dmarc", "pass", Optional.empty(), Optional.empty(), List.of())),
                new ChainVerdict(ChainResult.NONE, "no ARC set", 0, 0, List.of()));
        String sealed = String.join("", ((Sealing.Sealed) sealing).fields()) + changed;

        start("", null);
        String refused = send("list@lists.example", sealed);
        assertTrue(refused.startsWith("550 5.7.1 "), refused);
        server.close();
        server = null;

        start("", null, Map.of("arcsealers", "Lists.Example\n"));
        QueuedMessage kept = stored(send("list@lists.example", sealed));
        assertEquals(Folder.INBOX, kept.folder());
        String text = text(kept);
        assertTrue(text.contains("arc=pass"), text);
        assertTrue(text.contains("dmarc=fail reason=\"overridden by the ARC chain of lists.example\""), text);
    }

    /** A message one of our aliases forwards elsewhere is sealed with ARC by that domain on arrival. */
    @Test
    void aMessageOurAliasForwardsIsSealedAndTheSealVerifies() throws Exception {
        start("", null);
        String message = "Authentication-Results: mx.test; dmarc=pass (forged)\r\n"
                + signed("From: Ann <ann@signed.example>\r\nTo: fwd@local.test\r\nSubject: hi\r\n\r\nhello\r\n");
        String text = text(stored(send("ann@signed.example", "fwd@local.test", message)));
        assertTrue(text.startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=local.test; s=ours-rsa;"), text);
        assertTrue(text.contains("ARC-Authentication-Results: i=1; mx.test;"), text);
        ChainVerdict chain = new ChainVerifier(Dns.using(List.of(dns.address())), Duration.ofSeconds(5),
                Clock.systemUTC()).verify(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(ChainResult.PASS, chain.result(), chain.reason());
        assertTrue(server.log().contains("arc-sealed:i=1"), server.log());

        String notForwarded = text(stored(send("ann@signed.example", message)));
        assertTrue(notForwarded.startsWith("Authentication-Results: mx.test;"), "no seal: " + notForwarded);
    }

    @Test
    void aQuarantinePolicyFilesTheForgeryInJunkAndRecordOnlyWritesItDown() throws Exception {
        String forged = "From: x@careful.example\r\nSubject: s\r\n\r\nb\r\n";
        start("", null);
        assertEquals(Folder.JUNK, stored(send("x@elsewhere.example", forged)).folder());
        server.close();
        server = null;

        start("", "record");
        QueuedMessage kept = stored(send("x@elsewhere.example", forged));
        assertEquals(Folder.INBOX, kept.folder());
        assertTrue(text(kept).contains("dmarc=fail"), text(kept));
    }

    @Test
    void aDnsFailureIsATemporaryErrorNeverAPass() throws Exception {
        start("", null);
        String reply = send("x@broken.example", "From: x@broken.example\r\nSubject: s\r\n\r\nb\r\n");
        assertTrue(reply.startsWith("451 4.7.5 "), reply);
        assertTrue(server.queue.list().isEmpty(), "nothing queued");
    }

    @Test
    void mailFromATrustedClientIsSignedWithItsFromDomainsKey() throws Exception {
        start("127.0.0.1:allow,RELAYCLIENT=\"\"\n", null);
        QueuedMessage stored = stored(send("ann@local.test",
                "From: Ann <ann@local.test>\r\nTo: bob@far.example\r\nSubject: hi\r\n\r\nhello\r\n"));
        String text = text(stored);
        assertTrue(text.startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=local.test;\r\n s=ours;"),
                text);
        assertFalse(text.contains("Authentication-Results"), "ours are not judged:\n" + text);
        var verdicts = new Verifier(Dns.using(List.of(dns.address())), Duration.ofSeconds(5), Clock.systemUTC())
                .verify(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(DkimResult.PASS, verdicts.getFirst().result(), verdicts.toString());

        QueuedMessage foreign = stored(send("ann@local.test", "From: ann@gmail.example\r\nSubject: s\r\n\r\nb\r\n"));
        assertFalse(text(foreign).contains("DKIM-Signature"), "not our domain: not signed");
        assertTrue(server.log().contains("dkim=unsigned (no DKIM key for gmail.example)"), server.log());
    }
}
