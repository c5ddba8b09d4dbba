package org.godshell.toaster.deliver.bounce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;

/** Originals for the notice tests: messages in files laid out as the queue lays them out, with fixed ids. */
final class Originals {

    static final QueueId ID = new QueueId("1m8bz91g7000928r");
    static final Instant RECEIVED = Instant.parse("2025-05-01T10:15:30Z");
    static final Instant NOW = Instant.parse("2025-05-03T08:00:00Z");
    static final Instant UNTIL = Instant.parse("2025-05-08T10:15:30Z");
    static final String ME = "mail.example.org";
    static final String POSTMASTER = "postmaster@mail.example.org";

    static final String TYPICAL = """
            Received: from client.example.com (client.example.com [192.0.2.7])\r
            \tby mail.example.org with ESMTPS; Thu, 1 May 2025 10:15:30 +0000\r
            From: Alice <alice@example.com>\r
            To: Bob <bob@example.net>, Carol <carol@mail.example.org>\r
            Subject: Lunch on Friday?\r
            Date: Thu, 1 May 2025 12:15:29 +0200\r
            Message-ID: <20250501101529.1234@example.com>\r
            \r
            Shall we meet at noon?\r
            The secret body must never be returned.\r
            """;

    private Originals() {
    }

    /** A fixed random source: the same Message-ID and boundary on every run and every JDK (Random's LCG). */
    static Bounces bounces() {
        return new Bounces(ME, POSTMASTER, new Random(7));
    }

    static QueuedMessage message(Path dir, String sender, List<String> recipients, String text) throws IOException {
        return message(dir, sender, recipients, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The message bytes after a stand-in envelope, so that {@code bodyOffset} is exercised as in the queue. */
    static QueuedMessage message(Path dir, String sender, List<String> recipients, byte[] bytes) throws IOException {
        byte[] prefix = "V1\nstand-in envelope: the notice must start reading after it\n\n"
                .getBytes(StandardCharsets.US_ASCII);
        Path file = Files.createTempFile(dir, "mess", "");
        byte[] all = new byte[prefix.length + bytes.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
        Files.write(file, all);
        Envelope envelope = new Envelope(sender, recipients, "client.example.com", "192.0.2.7", null, RECEIVED);
        return new QueuedMessage(ID, envelope, bytes.length, file, prefix.length);
    }

    static Map<String, Diagnosis> twoFailures() {
        return Map.of(
                "bob@example.net", Diagnosis.remote("5.1.1", "the remote host refused the recipient",
                        "mx.example.net", "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown"),
                "carol@mail.example.org", Diagnosis.local("5.2.2", "mailbox full"));
    }
}
