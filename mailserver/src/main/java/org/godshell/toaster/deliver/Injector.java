package org.godshell.toaster.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;

/**
 * Puts mail that delivery itself creates — bounces, and copies for an alias's remote targets — into the
 * queue through the same durable commit as mail from SMTP, so that it is retried, listed and bounced like any
 * other message. Its envelope names this host as the client ({@code HELO} = {@code me}, address
 * {@code 127.0.0.1}) and carries the {@link MailFlags} the bytes and addresses need, so that the next hop is
 * told of an 8-bit body (8BITMIME) and asked for SMTPUTF8 when an address or a header is UTF-8.
 */
public final class Injector {

    private final Queue queue;
    private final Supplier<String> me;
    private final Clock clock;

    public Injector(Queue queue, String me, Clock clock) {
        this(queue, () -> me, clock);
    }

    /** {@code me}: asked for at each message, so that an edit of control/me applies. */
    public Injector(Queue queue, Supplier<String> me, Clock clock) {
        this.queue = queue;
        this.me = Objects.requireNonNull(me, "me");
        this.clock = clock;
    }

    /**
     * Queues {@code head} followed by {@code body} (both CRLF lines) for {@code recipients}; durable on return.
     *
     * @param flags what {@code body} declares; SMTPUTF8 is added when the sender, a recipient or {@code head} is
     *              not ASCII, which no 7-bit transaction could carry (RFC 6531 §3.4)
     */
    public QueueId inject(String sender, List<String> recipients, String head, InputStream body, MailFlags flags)
            throws IOException {
        MailFlags declared = flags.withAddresses(sender, recipients, head);
        Envelope envelope = new Envelope(sender, recipients, me.get(), "127.0.0.1", null, clock.instant(),
                declared.eightBitMime(), declared.smtputf8());
        try (Intake intake = queue.begin(envelope)) {
            intake.body().write(head.getBytes(StandardCharsets.UTF_8));
            body.transferTo(intake.body());
            return intake.commit();
        }
    }
}
