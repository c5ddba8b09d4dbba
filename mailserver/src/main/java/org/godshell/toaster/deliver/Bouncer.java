package org.godshell.toaster.deliver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.bounce.BounceMessage;
import org.godshell.toaster.deliver.bounce.Bounces;
import org.godshell.toaster.deliver.bounce.Notice;
import org.godshell.toaster.queue.QueuedMessage;

/**
 * Queues the delivery status notifications of the runner: a bounce for recipients that failed, a warning for
 * recipients still waiting after the schedule's warning time. A notice is queued durably before the runner
 * records the recipients as failed, so a crash can repeat a bounce but never lose one. Returns a line for the
 * log saying what was done.
 */
final class Bouncer {

    private final Injector injector;
    private final Bounces bounces;
    private final Clock clock;

    Bouncer(Injector injector, Bounces bounces, Clock clock) {
        this.injector = injector;
        this.bounces = bounces;
        this.clock = clock;
    }

    /** Queues the bounce for {@code failed} recipients of {@code original}. */
    String failed(QueuedMessage original, Map<String, Diagnosis> failed) throws IOException {
        return queue(bounces.failed(original, failed, clock.instant()), "bounce");
    }

    /** Queues the delay warning for {@code waiting} recipients, which are retried until {@code retryUntil}. */
    String delayed(QueuedMessage original, Map<String, Diagnosis> waiting, Instant retryUntil) throws IOException {
        return queue(bounces.delayed(original, waiting, clock.instant(), retryUntil), "delay warning");
    }

    private String queue(Notice notice, String what) throws IOException {
        return switch (notice) {
            case Notice.Withheld withheld -> "no " + what + ": " + withheld.reason();
            case Notice.ToSender toSender -> queue(toSender.bounce(), what, "");
            case Notice.ToPostmaster toPostmaster -> queue(toPostmaster.bounce(), what, " (double bounce)");
        };
    }

    private String queue(BounceMessage message, String what, String note) throws IOException {
        String id = injector.inject(message.envelopeSender(), List.of(message.recipient()), "",
                new ByteArrayInputStream(message.content()), message.flags()).value();
        return what + " to <" + message.recipient() + "> queued as " + id + note;
    }
}
