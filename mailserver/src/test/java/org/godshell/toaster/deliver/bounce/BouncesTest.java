package org.godshell.toaster.deliver.bounce;

import static org.godshell.toaster.deliver.bounce.Originals.ME;
import static org.godshell.toaster.deliver.bounce.Originals.NOW;
import static org.godshell.toaster.deliver.bounce.Originals.POSTMASTER;
import static org.godshell.toaster.deliver.bounce.Originals.TYPICAL;
import static org.godshell.toaster.deliver.bounce.Originals.UNTIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets which notice, and what it says; the structure is checked by {@link MimeCheck}. */
class BouncesTest {

    private static final List<String> BOB_CAROL = List.of("bob@example.net", "carol@mail.example.org");

    @TempDir
    Path temp;

    @Test
    void aFailureGoesToTheSenderAsAnRfc3464Report() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        Notice notice = Originals.bounces().failed(original, Originals.twoFailures(), NOW);

        BounceMessage bounce = assertInstanceOf(Notice.ToSender.class, notice).bounce();
        assertEquals("", bounce.envelopeSender(), "RFC 5321 §4.5.5: the null reverse path");
        assertEquals("alice@example.com", bounce.recipient());
        assertEquals(MailFlags.SEVEN_BIT, bounce.flags());
        MimeCheck.Dsn dsn = MimeCheck.parse(bounce.content());
        assertEquals("MAILER-DAEMON@mail.example.org (Mail Delivery System)", dsn.header("From"));
        assertEquals("alice@example.com", dsn.header("To"));
        assertEquals("Undelivered Mail Returned to Sender", dsn.header("Subject"));
        assertEquals("Sat, 3 May 2025 08:00:00 +0000", dsn.header("Date"));
        assertTrue(dsn.header("Message-ID").matches("<20250503080000\\.[0-9a-f]{16}\\.dsn@mail\\.example\\.org>"));
        assertEquals("1.0", dsn.header("MIME-Version"));
        assertEquals("auto-replied", dsn.header("Auto-Submitted"));

        assertEquals(List.of(
                new MimeCheck.Field("Reporting-MTA", "dns; mail.example.org"),
                new MimeCheck.Field("X-Toaster-Queue-ID", "1m8bz91g7000928r"),
                new MimeCheck.Field("Arrival-Date", "Thu, 1 May 2025 10:15:30 +0000")), dsn.status().get(0));
        assertEquals(3, dsn.status().size(), "one block per failed recipient");
        assertEquals("rfc822; bob@example.net", dsn.recipientField(0, "Final-Recipient"), "envelope order");
        assertEquals("failed", dsn.recipientField(0, "Action"));
        assertEquals("5.1.1", dsn.recipientField(0, "Status"));
        assertEquals("dns; mx.example.net", dsn.recipientField(0, "Remote-MTA"));
        assertEquals("smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown",
                dsn.recipientField(0, "Diagnostic-Code"));
        assertEquals("Sat, 3 May 2025 08:00:00 +0000", dsn.recipientField(0, "Last-Attempt-Date"));
        assertTrue(dsn.optionalRecipientField(0, "Will-Retry-Until").isEmpty());
        assertEquals("rfc822; carol@mail.example.org", dsn.recipientField(1, "Final-Recipient"));
        assertEquals("5.2.2", dsn.recipientField(1, "Status"));
        assertTrue(dsn.optionalRecipientField(1, "Remote-MTA").isEmpty(), "a local failure has no remote host");
        assertEquals("X-Toaster; mailbox full", dsn.recipientField(1, "Diagnostic-Code"));

        String text = dsn.parts().get(0).text();
        assertTrue(text.contains("could not be delivered"), text);
        assertTrue(text.contains("The remote host mx.example.net said: 550 5.1.1 <bob@example.net>:"), text);
        assertTrue(text.contains("<carol@mail.example.org>:\r\n    mailbox full (5.2.2)"), text);

        String headers = dsn.parts().get(2).text();
        assertTrue(headers.startsWith("Received: from client.example.com"), headers);
        assertTrue(headers.endsWith("Message-ID: <20250501101529.1234@example.com>\r\n"), headers);
        assertFalse(new String(bounce.content(), StandardCharsets.UTF_8).contains("secret body"),
                "never the body");
    }

    @Test
    void theGoldenBounceAndDelayWarningAreByteForByteStable() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        Golden.check("failed.eml", Originals.bounces().failed(original, Originals.twoFailures(), NOW)
                .message().orElseThrow().content());
        Map<String, Diagnosis> delays = Map.of("bob@example.net", Diagnosis.remote("4.2.0", "greylisted",
                "mx.example.net", "451 4.7.1 Greylisted, please try again in 300 seconds"));
        Golden.check("delayed.eml", Originals.bounces().delayed(original, delays, NOW, UNTIL)
                .message().orElseThrow().content());
    }

    @Test
    void aDelayWarningSaysUntilWhenTheQueueKeepsTrying() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        Map<String, Diagnosis> delays = Map.of("bob@example.net",
                Diagnosis.remote("4.4.1", "no answer from the remote host", "mx.example.net", ""));
        Notice notice = Originals.bounces().delayed(original, delays, NOW, UNTIL);

        MimeCheck.Dsn dsn = MimeCheck.parse(assertInstanceOf(Notice.ToSender.class, notice).bounce().content());
        assertEquals("Delayed Mail (still being retried)", dsn.header("Subject"));
        assertEquals("delayed", dsn.recipientField(0, "Action"));
        assertEquals("4.4.1", dsn.recipientField(0, "Status"));
        assertEquals("Thu, 8 May 2025 10:15:30 +0000", dsn.recipientField(0, "Will-Retry-Until"));
        assertEquals("X-Toaster; no answer from the remote host", dsn.recipientField(0, "Diagnostic-Code"));
        assertEquals(2, dsn.status().size(), "only the delayed recipient");
        String text = dsn.parts().get(0).text();
        assertTrue(text.contains("has not yet been"), text);
        assertTrue(text.contains("Thu, 8 May 2025 10:15:30 +0000"), text);
        assertTrue(text.contains("Remote host: mx.example.net"), text);
        assertEquals("Delayed Message Headers", dsn.parts().get(2).header("Content-Description"));
    }

    @Test
    void aPermanentFailureIsNeverReportedAsADelay() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        assertThrows(IllegalArgumentException.class,
                () -> Originals.bounces().delayed(original, Originals.twoFailures(), NOW, UNTIL));
    }

    @Test
    void aFailedMessageWithTheNullSenderIsADoubleBounceToThePostmaster() throws IOException {
        // A remote host's bounce to a local user that does not exist: it cannot go back to <>.
        QueuedMessage original = Originals.message(temp, "", List.of("nobody@mail.example.org"), """
                From: MAILER-DAEMON@elsewhere.example\r
                Subject: Undelivered Mail Returned to Sender\r
                Auto-Submitted: auto-replied\r
                Message-ID: <20250501101530.0123456789abcdef.dsn@elsewhere.example>\r
                \r
                body\r
                """);
        Notice notice = Originals.bounces().failed(original,
                Map.of("nobody@mail.example.org", Diagnosis.local("5.1.1", "no such mailbox")), NOW);

        BounceMessage bounce = assertInstanceOf(Notice.ToPostmaster.class, notice).bounce();
        assertEquals("", bounce.envelopeSender());
        assertEquals(POSTMASTER, bounce.recipient());
        MimeCheck.Dsn dsn = MimeCheck.parse(bounce.content());
        assertEquals(POSTMASTER, dsn.header("To"));
        assertTrue(dsn.parts().get(0).text().contains("goes to the postmaster"));
        assertEquals("rfc822; nobody@mail.example.org", dsn.recipientField(0, "Final-Recipient"));
    }

    @Test
    void ourOwnFailedBounceGoesToThePostmasterOnceAndOurOwnDoubleBounceIsDropped() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        byte[] bounce = Originals.bounces().failed(original, Originals.twoFailures(), NOW).message()
                .orElseThrow().content();
        Map<String, Diagnosis> failure = Map.of("alice@example.com", Diagnosis.local("5.1.1", "no such user"));
        QueuedMessage failedBounce = Originals.message(temp, "", List.of("alice@example.com"), bounce);
        Notice again = Originals.bounces().failed(failedBounce, failure, NOW);
        assertEquals(POSTMASTER, assertInstanceOf(Notice.ToPostmaster.class, again).bounce().recipient());

        QueuedMessage foreign = Originals.message(temp, "", List.of("x@mail.example.org"), "Subject: x\r\n\r\n");
        byte[] doubleBounce = Originals.bounces().failed(foreign,
                Map.of("x@mail.example.org", Diagnosis.local("5.1.1", "no such user")), NOW).message()
                .orElseThrow().content();
        QueuedMessage failedDouble = Originals.message(temp, "", List.of(POSTMASTER), doubleBounce);
        Notice dropped = Originals.bounces().failed(failedDouble,
                Map.of(POSTMASTER, Diagnosis.local("5.1.1", "no such user")), NOW);
        assertTrue(assertInstanceOf(Notice.Withheld.class, dropped).reason().contains("double bounce"));
        assertTrue(dropped.message().isEmpty());
    }

    @Test
    void aBounceOfAnotherHostsNameIsNotTakenForOurs() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        byte[] bounce = new Bounces("other.example.org", POSTMASTER).failed(original, Originals.twoFailures(),
                NOW).message().orElseThrow().content();
        QueuedMessage failedBounce = Originals.message(temp, "", List.of("alice@example.com"), bounce);
        assertInstanceOf(Notice.ToPostmaster.class, Originals.bounces().failed(failedBounce,
                Map.of("alice@example.com", Diagnosis.local("5.1.1", "no such user")), NOW));
    }

    @Test
    void theNullSenderGetsNoDelayWarning() throws IOException {
        QueuedMessage original = Originals.message(temp, "", BOB_CAROL, TYPICAL);
        Notice notice = Originals.bounces().delayed(original,
                Map.of("bob@example.net", Diagnosis.local("4.4.1", "connection refused")), NOW, UNTIL);
        assertTrue(assertInstanceOf(Notice.Withheld.class, notice).reason().contains("null sender"));
    }

    @Test
    void aSenderThatIsNoAddressGetsNoNoticeButThePostmasterHearsOfFailures() throws IOException {
        for (String sender : List.of("alice@example.com\r\nBcc: victim@example.org", "a b c", "<alice@x>",
                "alice@", "postmaster", "alice@example.com>\0")) {
            QueuedMessage original = Originals.message(temp, sender, BOB_CAROL, TYPICAL);
            Notice failed = Originals.bounces().failed(original, Originals.twoFailures(), NOW);
            BounceMessage bounce = assertInstanceOf(Notice.ToPostmaster.class, failed, sender).bounce();
            assertEquals(POSTMASTER, MimeCheck.parse(bounce.content()).header("To"));
            Notice delayed = Originals.bounces().delayed(original,
                    Map.of("bob@example.net", Diagnosis.local("4.4.1", "connection refused")), NOW, UNTIL);
            assertInstanceOf(Notice.Withheld.class, delayed, sender);
        }
    }

    @Test
    void aNonAsciiSenderIsAddressedInUtf8AndNonAsciiRecipientsInXtext() throws IOException {
        QueuedMessage original = Originals.message(temp, "jöran@exämple.org", List.of("björk@例え.jp"),
                "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\nbody\r\n");
        Notice notice = Originals.bounces().failed(original, Map.of("björk@例え.jp",
                Diagnosis.remote("5.1.1", "unbekannter Empfänger", "mx.例え.jp", "550 5.1.1 björk unknown")), NOW);

        BounceMessage bounce = assertInstanceOf(Notice.ToSender.class, notice).bounce();
        assertEquals("jöran@exämple.org", bounce.recipient());
        assertEquals(new MailFlags(false, true), bounce.flags(), "RFC 6531: a UTF-8 To: needs an SMTPUTF8 hop");
        MimeCheck.Dsn dsn = MimeCheck.parse(bounce.content());
        assertEquals("jöran@exämple.org", dsn.header("To"));
        assertEquals("utf-8; bj\\x{F6}rk@\\x{4F8B}\\x{3048}.jp", dsn.recipientField(0, "Final-Recipient"));
        assertEquals("dns; mx.xn--r8jz45g.jp", dsn.recipientField(0, "Remote-MTA"));
        assertEquals("smtp; 550 5.1.1 bj?rk unknown", dsn.recipientField(0, "Diagnostic-Code"));
        assertEquals("quoted-printable", dsn.parts().get(0).header("Content-Transfer-Encoding"));
        assertEquals("text/plain; charset=utf-8", dsn.parts().get(0).header("Content-Type"));
        String text = dsn.parts().get(0).text();
        assertTrue(text.contains("<björk@例え.jp>:\r\n    unbekannter Empfänger (5.1.1)"), text);
        assertTrue(text.contains("said: 550 5.1.1 björk unknown"), text);
    }

    @Test
    void aBoundaryThatOccursInTheOriginalIsNeverUsed() throws IOException {
        // 16 zero draws make the Message-ID, the next 24 the first boundary candidate; the original holds it.
        RandomGenerator zerosFirst = new RandomGenerator() {
            private long n;

            @Override
            public long nextLong() {
                return n++ < 40 ? 0 : 0x9E3779B97F4A7C15L * n;
            }
        };
        String trap = "--=_dsn_" + "0".repeat(24);
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL,
                "Subject: trap\r\nX-Trap:\r\n" + trap + "\r\n" + trap + "--\r\n\r\nbody\r\n");
        byte[] bounce = new Bounces(ME, POSTMASTER, zerosFirst).failed(original, Originals.twoFailures(), NOW)
                .message().orElseThrow().content();
        MimeCheck.Dsn dsn = MimeCheck.parse(bounce);
        assertFalse(dsn.header("Content-Type").contains("0".repeat(24)), dsn.header("Content-Type"));
        assertTrue(dsn.parts().get(2).text().contains(trap), "the trap lines are returned as they were");
    }

    @Test
    void messageIdsAndBoundariesDifferBetweenNotices() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        Bounces bounces = new Bounces(ME, POSTMASTER);
        MimeCheck.Dsn a = MimeCheck.parse(bounces.failed(original, Originals.twoFailures(), NOW).message()
                .orElseThrow().content());
        MimeCheck.Dsn b = MimeCheck.parse(bounces.failed(original, Originals.twoFailures(), NOW).message()
                .orElseThrow().content());
        assertNotEquals(a.header("Message-ID"), b.header("Message-ID"));
        assertNotEquals(a.header("Content-Type"), b.header("Content-Type"));
    }

    @Test
    void aMessageFromTheRealQueueIsReadFromItsBodyOffset() throws IOException {
        try (Queue queue = Queue.open(temp.resolve("queue"))) {
            QueueId id;
            try (Intake intake = queue.begin(new Envelope("alice@example.com", BOB_CAROL, "client.example.com",
                    "192.0.2.7", null, Originals.RECEIVED))) {
                intake.body().write(TYPICAL.getBytes(StandardCharsets.US_ASCII));
                id = intake.commit();
            }
            Notice notice = Originals.bounces().failed(queue.read(id), Originals.twoFailures(), NOW);
            MimeCheck.Dsn dsn = MimeCheck.parse(notice.message().orElseThrow().content());
            assertTrue(dsn.parts().get(2).text().startsWith("Received: from client.example.com"));
            assertEquals(id.toString(), MimeCheck.find(dsn.status().get(0), "X-Toaster-Queue-ID").orElseThrow());
        }
    }

    @Test
    void aVanishedOriginalIsAnIOExceptionNotAnEmptyNotice() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        Files.delete(original.file());
        assertThrows(IOException.class, () -> Originals.bounces().failed(original, Originals.twoFailures(), NOW));
    }

    @Test
    void callerMistakesAreRefused() throws IOException {
        QueuedMessage original = Originals.message(temp, "alice@example.com", BOB_CAROL, TYPICAL);
        assertThrows(IllegalArgumentException.class, () -> Originals.bounces().failed(original, Map.of(), NOW));
        assertThrows(IllegalArgumentException.class, () -> new Bounces("mail.example.org\r\nX: y", POSTMASTER));
        assertThrows(IllegalArgumentException.class, () -> new Bounces("", POSTMASTER));
        assertThrows(IllegalArgumentException.class, () -> new Bounces(ME, "postmaster@"));
        assertThrows(IllegalArgumentException.class, () -> new Bounces(ME, "a\r\nb@x"));
        assertThrows(IllegalArgumentException.class,
                () -> new BounceMessage("alice@example.com", "bob@example.net", new byte[0]));
    }
}
