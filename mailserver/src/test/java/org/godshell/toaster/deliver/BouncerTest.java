package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.bounce.Bounces;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounces the runner queues, in a real queue: their envelope flags follow the bounce's own bytes and
 * recipient (RFC 6531 §3.4, RFC 6533), not the original's (issue 18 §2).
 */
class BouncerTest {

    private static final Instant NOW = Instant.parse("2025-05-03T08:00:00Z");
    private static final String UTF8_ORIGINAL = "From: José <josé@example.org>\r\nSubject: café\r\n\r\nçà\r\n";

    @TempDir
    Path root;

    private Queue queue;
    private Bouncer bouncer;

    @BeforeEach
    void open() throws IOException {
        queue = Queue.open(root.resolve("queue"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        bouncer = new Bouncer(new Injector(queue, "mail.example.org", clock),
                new Bounces("mail.example.org", "postmaster@mail.example.org"), clock);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private QueuedMessage original(String sender, String text) throws IOException {
        Envelope envelope = new Envelope(sender, List.of("bob@example.net"), "client.example", "192.0.2.7", null,
                NOW.minusSeconds(3600), true, true);
        try (Intake intake = queue.begin(envelope)) {
            intake.body().write(text.getBytes(StandardCharsets.UTF_8));
            return queue.read(intake.commit());
        }
    }

    private QueuedMessage bounceOf(QueuedMessage original) throws IOException {
        bouncer.failed(original, Map.of("bob@example.net", Diagnosis.local("5.1.1", "no such user")));
        List<QueueId> ids = queue.list();
        assertEquals(2, ids.size(), "the original and its bounce");
        QueuedMessage bounce = queue.read(ids.get(1));
        assertEquals("", bounce.envelope().sender());
        return bounce;
    }

    @Test
    void aBounceToANonAsciiSenderIsQueuedAsSmtputf8() throws IOException {
        QueuedMessage bounce = bounceOf(original("josé@example.org", UTF8_ORIGINAL));
        assertEquals(List.of("josé@example.org"), bounce.envelope().recipients());
        assertTrue(bounce.envelope().smtputf8(), "its To: and its recipient are UTF-8: " + bounce.envelope());
        assertFalse(bounce.envelope().eightBitMime(), "its body quotes no 8-bit byte: " + bounce.envelope());
    }

    @Test
    void aBounceThatIsAllAsciiIsQueuedSevenBitWhateverTheOriginalWas() throws IOException {
        QueuedMessage bounce = bounceOf(original("ann@example.org", UTF8_ORIGINAL));
        assertFalse(bounce.envelope().smtputf8() || bounce.envelope().eightBitMime(),
                "the original's UTF-8 headers come back quoted-printable: " + bounce.envelope());
    }
}
