package org.godshell.toaster.deliver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local delivery against a real user store, real Maildirs and a real queue for forwarded copies. */
class LocalDeliveryTest {

    @TempDir
    Path prefix;

    private UserStore users;
    private Queue queue;
    private LocalDelivery delivery;

    @BeforeEach
    void store() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        users = UserStore.open(prefix);
        users.addDomain("example.test");
        users.addUser("ann@example.test", "secret one".toCharArray());
        users.addUser("bob@example.test", "secret two".toCharArray());
        queue = Queue.open(prefix.resolve("queue"));
        delivery = new LocalDelivery(users, new Maildir(), new Injector(queue, "mx.example.test", Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private QueuedMessage queued(String sender, String body, String... recipients) throws IOException {
        return queued(new Envelope(sender, List.of(recipients), "client.example", "192.0.2.1", null, Instant.now()),
                body);
    }

    private QueuedMessage queued(Envelope envelope, String body) throws IOException {
        try (Intake intake = queue.begin(envelope)) {
            intake.body().write(body.getBytes(StandardCharsets.UTF_8));
            QueueId id = intake.commit();
            return queue.read(id);
        }
    }

    private List<String> mailbox(String user, String folder) throws IOException {
        Path dir = prefix.resolve("domains/example.test").resolve(user).resolve("Maildir").resolve(folder)
                .resolve("new");
        List<String> messages = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    messages.add(Files.readString(file));
                }
            }
        }
        return messages;
    }

    @Test
    void aUserGetsTheMessageWithReturnPathDeliveredToAndLfLines() throws IOException {
        QueuedMessage message = queued("sender@example.org", "Subject: hi\r\n\r\nhello\r\n", "Ann@Example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(message, "Ann@Example.test"));
        assertEquals(List.of("Return-Path: <sender@example.org>\nDelivered-To: ann@example.test\nSubject: hi\n\nhello\n"),
                mailbox("ann", ""));
    }

    @Test
    void plusAddressingFilesIntoAnExistingFolderOnly() throws Exception {
        Path maildir = prefix.resolve("domains/example.test/ann/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(".lists").resolve(sub));
        }
        QueuedMessage message = queued("", "Subject: list\r\n\r\nx\r\n", "ann+lists@example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(message, "ann+lists@example.test"));
        assertEquals(1, mailbox("ann", ".lists").size());
        assertTrue(mailbox("ann", ".lists").get(0).startsWith("Return-Path: <>\n"));
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(message, "ann+nofolder@example.test"));
        assertEquals(1, mailbox("ann", "").size());
    }

    /** A message found suspect at intake goes to Junk, made on first use, even when a plus tag names a folder. */
    @Test
    void aJunkMessageGoesToTheJunkFolderMadeOnFirstUse() throws Exception {
        Path maildir = prefix.resolve("domains/example.test/ann/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(".lists").resolve(sub));
        }
        QueuedMessage junk;
        try (Intake intake = queue.begin(new Envelope("x@example.org", List.of("ann+lists@example.test"),
                "client.example", "192.0.2.1", null, Instant.now()))) {
            intake.body().write("Subject: prize\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
            junk = queue.read(intake.commit(HeaderEdits.NONE, Folder.JUNK));
        }
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(junk, "ann+lists@example.test"));
        assertEquals(1, mailbox("ann", ".Junk").size());
        assertTrue(Files.isRegularFile(maildir.resolve(".Junk/maildirfolder")));
        assertEquals(List.of(), mailbox("ann", ".lists"));
        assertEquals(List.of(), mailbox("ann", ""));
    }

    @Test
    void anAliasReachesEveryMailboxOnceAndForwardsRemoteTargetsThroughTheQueue() throws Exception {
        users.addAlias("team@example.test", List.of("ann@example.test", "bob@example.test", "friend@example.net"));
        users.addAlias("all@example.test", List.of("team@example.test", "ann@example.test"));
        QueuedMessage message = queued("sender@example.org", "Subject: team\r\n\r\nx\r\n", "all@example.test");
        Outcome outcome = delivery.deliver(message, "all@example.test");
        assertInstanceOf(Outcome.Delivered.class, outcome);
        assertEquals(1, mailbox("ann", "").size());
        assertEquals(1, mailbox("bob", "").size());
        List<QueueId> ids = queue.list();
        assertEquals(2, ids.size());
        QueuedMessage forwarded = queue.read(ids.get(1));
        assertEquals(List.of("friend@example.net"), forwarded.envelope().recipients());
        assertEquals("sender@example.org", forwarded.envelope().sender());
        try (var in = forwarded.openMessage()) {
            assertEquals("Delivered-To: all@example.test\r\nSubject: team\r\n\r\nx\r\n",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The forwarded copy is the original's message, so it keeps what the client declared (issue 18 §2). */
    @Test
    void anAliasForwardKeepsEightBitMimeAndSmtputf8() throws Exception {
        users.addAlias("team@example.test", List.of("ann@example.test", "friend@example.net"));
        QueuedMessage message = queued(new Envelope("josé@example.org", List.of("team@example.test"),
                "client.example", "192.0.2.1", null, Instant.now(), true, true), "Subject: café\r\n\r\nçà\r\n");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(message, "team@example.test"));
        Envelope forwarded = forwardedCopy().envelope();
        assertEquals("josé@example.org", forwarded.sender());
        assertTrue(forwarded.eightBitMime() && forwarded.smtputf8(), forwarded.toString());
    }

    /**
     * A catch-all takes a non-ASCII local part, so the forwarded copy starts with a UTF-8 {@code Delivered-To:}:
     * it needs SMTPUTF8 even when the original, from a queue file older than the flags, does not say so
     * (RFC 6532 §3, RFC 6531 §3.4).
     */
    @Test
    void aForwardWithANonAsciiDeliveredToIsSmtputf8AndAnAsciiOneStaysSevenBit() throws Exception {
        users.addAlias("*@example.test", List.of("friend@example.net"));
        QueuedMessage utf8 = queued("s@example.org", "Subject: x\r\n\r\nx\r\n", "josé@example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(utf8, "josé@example.test"));
        QueuedMessage forwarded = forwardedCopy();
        assertTrue(forwarded.envelope().smtputf8(), forwarded.envelope().toString());
        assertFalse(forwarded.envelope().eightBitMime(), "the body is as 7-bit as the original's");
        queue.remove(forwarded.id());
        QueuedMessage ascii = queued("s@example.org", "Subject: x\r\n\r\nx\r\n", "someone@example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(ascii, "someone@example.test"));
        Envelope plain = forwardedCopy().envelope();
        assertFalse(plain.smtputf8() || plain.eightBitMime(), plain.toString());
    }

    /** The one queued message that is not an original of this test: the newest. */
    private QueuedMessage forwardedCopy() throws IOException {
        List<QueueId> ids = queue.list();
        return queue.read(ids.get(ids.size() - 1));
    }

    @Test
    void anAliasLoopEndsWithoutMailAndWithoutHanging() throws Exception {
        users.addAlias("a@example.test", List.of("b@example.test"));
        users.addAlias("b@example.test", List.of("a@example.test"));
        QueuedMessage message = queued("s@example.org", "x\r\n", "a@example.test");
        Outcome outcome = delivery.deliver(message, "a@example.test");
        assertEquals("5.1.1", ((Outcome.Failed) outcome).why().status());
    }

    @Test
    void aMessageAlreadyDeliveredToTheAddressIsALoop() throws IOException {
        QueuedMessage message = queued("s@example.org", "Delivered-To: ann@example.test\r\n\r\nx\r\n",
                "ann@example.test");
        Outcome outcome = delivery.deliver(message, "ann@example.test");
        assertEquals("5.4.6", ((Outcome.Failed) outcome).why().status());
        assertEquals(0, mailbox("ann", "").size());
    }

    @Test
    void tooManyReceivedHeadersIsALoop() throws IOException {
        QueuedMessage message = queued("s@example.org", "Received: x\r\n".repeat(101) + "\r\nx\r\n",
                "ann@example.test");
        assertEquals("5.4.6", ((Outcome.Failed) delivery.deliver(message, "ann@example.test")).why().status());
    }

    @Test
    void aMailboxOverItsQuotaDefersAndOneWithRoomTakesTheMessage() throws Exception {
        users.setQuota("ann@example.test", "1k");
        QueuedMessage small = queued("s@example.org", "Subject: small\r\n\r\n" + "x".repeat(300) + "\r\n",
                "ann@example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(small, "ann@example.test"));
        QueuedMessage big = queued("s@example.org", "Subject: big\r\n\r\n" + "x".repeat(900) + "\r\n",
                "ann@example.test");
        Outcome.Deferred full = assertInstanceOf(Outcome.Deferred.class, delivery.deliver(big, "ann@example.test"));
        assertEquals("4.2.2", full.why().status());
        assertTrue(full.why().text().contains("mailbox full"), full.why().text());
        assertEquals(1, mailbox("ann", "").size());
        users.setQuota("ann@example.test", "");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(big, "ann@example.test"));
    }

    @Test
    void aCopyWhoseNewDirectoryFsyncFailsIsDeferredNotDelivered() throws IOException {
        LocalDelivery failing = new LocalDelivery(users, new Maildir(Clock.systemUTC(), dir -> {
            throw new IOException("EIO");
        }), new Injector(queue, "mx.example.test", Clock.systemUTC()));
        QueuedMessage message = queued("sender@example.org", "Subject: hi\r\n\r\nhello\r\n", "ann@example.test");
        Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, failing.deliver(message, "ann@example.test"));
        assertEquals("4.3.0", deferred.why().status());
    }

    @Test
    void controlCharactersOfAnEnvelopeValueNeverReachTheHeaderLines() {
        assertEquals("a??b?c\u00e9\ud83d\ude00 d", LocalDelivery.headerSafe("a\r\nb\u007fc\u00e9\ud83d\ude00 d"));
        assertEquals("???", LocalDelivery.headerSafe("\u0000\u001f\t"));
    }

    @Test
    void anUnknownUserBouncesWith511() throws IOException {
        QueuedMessage message = queued("s@example.org", "x\r\n", "nobody@example.test");
        assertEquals("5.1.1", ((Outcome.Failed) delivery.deliver(message, "nobody@example.test")).why().status());
    }

    @Test
    void aHostileSenderCannotAddHeaderLines() throws IOException {
        QueuedMessage message = queued("evil\r\nX-Injected: yes@example.org", "x\r\n", "ann@example.test");
        assertInstanceOf(Outcome.Delivered.class, delivery.deliver(message, "ann@example.test"));
        String content = mailbox("ann", "").get(0);
        assertTrue(content.startsWith("Return-Path: <evil??X-Injected: yes@example.org>\n"), content);
    }

    @Test
    void aMaildirThatCannotBeWrittenDefers() throws IOException {
        Path maildir = prefix.resolve("domains/example.test/ann/Maildir");
        try (var walk = Files.walk(maildir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(maildir, "a file where the Maildir should be");
        QueuedMessage message = queued("s@example.org", "x\r\n", "ann@example.test");
        Outcome outcome = delivery.deliver(message, "ann@example.test");
        assertEquals("4.3.0", ((Outcome.Deferred) outcome).why().status());
    }
}
