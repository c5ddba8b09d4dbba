package org.godshell.toaster.tlsrpt.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
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

    public Outbox(Injector injector, HttpsPoster poster, Clock clock) {
        this.injector = injector;
        this.poster = poster;
        this.clock = clock;
    }

    /** Sends {@code report} to {@code to}; returns a line for the log. */
    String send(ReportFile report, ReportUri to) throws IOException {
        return switch (to) {
            case ReportUri.Mailto mailto -> {
                byte[] message = ReportMail.write(report, mailto.address(), clock.instant());
                String id = injector.inject(report.header().contact(), List.of(mailto.address()), "",
                        new ByteArrayInputStream(message), MailFlags.SEVEN_BIT).value();
                yield "queued for <" + mailto.address() + "> as " + id;
            }
            case ReportUri.Https https -> "posted: " + poster.post(report, https.uri());
        };
    }
}
