package org.godshell.toaster.tlsrpt.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.tlsrpt.record.ReportUri;
import org.godshell.toaster.tlsrpt.report.ReportFile;

/**
 * Where a report leaves this host: a mailto rua becomes a message in our own queue (delivered, retried and
 * bounced like any other mail, from {@code postmaster@ME}), an https rua is posted at once.
 */
public final class Outbox {

    private final Injector injector;
    private final HttpsPoster poster;
    private final Clock clock;
    private final QueuedHook queued;

    /** What to do once a report is queued: nothing in the daemon, whose runner hears of it by itself. */
    @FunctionalInterface
    public interface QueuedHook {
        /** Told the id of a queued report; e.g. {@code toaster tlsrpt report} asks the running daemon to send it. */
        void queued(QueueId id) throws IOException;
    }

    public Outbox(Injector injector, HttpsPoster poster, Clock clock) {
        this(injector, poster, clock, id -> { });
    }

    public Outbox(Injector injector, HttpsPoster poster, Clock clock, QueuedHook queued) {
        this.injector = injector;
        this.poster = poster;
        this.clock = clock;
        this.queued = queued;
    }

    /** Sends {@code report} to {@code to}; returns a line for the log. */
    String send(ReportFile report, ReportUri to) throws IOException {
        return switch (to) {
            case ReportUri.Mailto mailto -> {
                byte[] message = ReportMail.write(report, mailto.address(), clock.instant());
                QueueId id = injector.inject(report.header().contact(), List.of(mailto.address()), "",
                        new ByteArrayInputStream(message), MailFlags.SEVEN_BIT);
                queued.queued(id);
                yield "queued for <" + mailto.address() + "> as " + id.value();
            }
            case ReportUri.Https https -> "posted: " + poster.post(report, https.uri());
        };
    }
}
