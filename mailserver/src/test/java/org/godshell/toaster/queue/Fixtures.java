package org.godshell.toaster.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Envelopes and message bodies for the queue tests, and the crash writer's deterministic messages. */
final class Fixtures {

    private Fixtures() {
    }

    static Envelope envelope(String recipient) {
        return new Envelope("sender@example.org", List.of(recipient), "client.example.org", "192.0.2.7", null,
                Instant.parse("2025-05-01T10:15:30Z"));
    }

    /** Message {@code n}: its number in the first line, then up to ~40 KB of bytes derived from {@code n}. */
    static byte[] body(int n) {
        byte[] head = ("Subject: message " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(n);
        byte[] out = new byte[head.length + random.nextInt(40_000)];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = head.length; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    /** The edits message {@code n} is committed with by the concurrent and crash tests: odd ones are edited. */
    static HeaderEdits edits(int n) {
        return n % 2 == 0 ? HeaderEdits.NONE : new HeaderEdits(List.of("X-Edit: " + n), List.of(0));
    }

    /** What a reader sees of message {@code n} committed with {@link #edits(int)}. */
    static byte[] expected(int n) {
        byte[] body = body(n);
        if (n % 2 == 0) {
            return body;
        }
        byte[] added = ("X-Edit: " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int dropped = ("Subject: message " + n + "\r\n").length();
        byte[] out = new byte[added.length + body.length - dropped];
        System.arraycopy(added, 0, out, 0, added.length);
        System.arraycopy(body, dropped, out, added.length, body.length - dropped);
        return out;
    }

    /** Commits message {@code n} for {@code r<n>@example.org} as an SMTP server with a checker would. */
    static QueueId commitChecked(Queue queue, int n) throws IOException {
        try (Intake intake = queue.begin(envelope("r" + n + "@example.org"))) {
            intake.body().write(body(n));
            try (InputStream received = intake.received()) {
                if (!HeaderBlock.read(received).fields().getFirst().name().equals("Subject")) {
                    throw new IOException("message " + n + " read back wrong");
                }
            }
            return intake.commit(edits(n));
        }
    }

    static byte[] readAll(QueuedMessage message) throws IOException {
        try (InputStream in = message.openMessage()) {
            return in.readAllBytes();
        }
    }

    static QueueId commit(Queue queue, Envelope envelope, byte[] body) throws IOException {
        try (Intake intake = queue.begin(envelope)) {
            intake.body().write(body);
            return intake.commit();
        }
    }
}
