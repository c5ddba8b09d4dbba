package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.tlsrpt.record.RecordLookup;
import org.godshell.toaster.tlsrpt.send.DailyReports;
import org.godshell.toaster.tlsrpt.send.HttpsPoster;
import org.godshell.toaster.tlsrpt.send.Outbox;
import org.godshell.toaster.tlsrpt.send.OwnDomains;
import org.godshell.toaster.tlsrpt.send.ReportState;
import org.godshell.toaster.tlsrpt.send.Reporter;
import org.godshell.toaster.tlsrpt.store.DayFiles;
import org.godshell.toaster.tlsrpt.store.ResultStore;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * TLS reporting (RFC 8460) wired to an installation: the store remote delivery records each session in, and the
 * daily job that sends the reports from the delivery daemon; {@code toaster tlsrpt report} builds the same
 * {@link Reporter}.
 */
final class TlsReports implements AutoCloseable {

    /** How long one domain's TLSRPT lookup may take. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final ResultStore results;
    private final DailyReports daily;

    private TlsReports(ResultStore results, DailyReports daily) {
        this.results = results;
        this.daily = daily;
    }

    /** Starts the store and the daily job of the delivery daemon. */
    static TlsReports start(Path prefix, Controls control, Supplier<String> me, Queue queue, UserStore users,
            Consumer<String> log) throws ConfigException {
        Clock clock = Clock.systemUTC();
        DayFiles files = DayFiles.under(prefix);
        Reporter reporter = reporter(control, me, queue, users, clock, id -> { }, log);
        return new TlsReports(ResultStore.start(files, clock, log),
                new DailyReports(reporter, files, ReportState.in(files.dir()), clock, new SecureRandom(), log)
                        .start());
    }

    /** Where remote delivery records each TLS session's outcome. */
    ResultStore results() {
        return results;
    }

    /** The reporter of the installation whose control files {@code control} reads. */
    static Reporter reporter(Controls control, Supplier<String> me, Queue queue, UserStore users, Clock clock,
            Outbox.QueuedHook queued, Consumer<String> log) throws ConfigException {
        Dns dns = Dns.of(control.get(ControlFiles.DNSSERVERS));
        Path prefix = control.dir().getParent();
        return new Reporter(DayFiles.under(prefix), new RecordLookup(dns, LOOKUP_TIMEOUT),
                domain -> ours(control, me.get(), users, log).test(domain), me,
                new Outbox(new Injector(queue, me, clock), HttpsPoster.standard(), clock, queued));
    }

    /**
     * Read at each question, so that a domain added while the daemon runs is never reported to; when the
     * control files or {@code domains/} cannot be read, every domain counts as ours and gets nothing.
     */
    private static Predicate<String> ours(Controls control, String me, UserStore users, Consumer<String> log) {
        try {
            Set<String> accepted = new HashSet<>(control.get(ControlFiles.RCPTHOSTS));
            accepted.addAll(control.get(ControlFiles.MORERCPTHOSTS));
            return new OwnDomains(me, accepted, users.domains());
        } catch (ConfigException | UserStoreException e) {
            log.accept("tlsrpt: cannot tell which domains are ours, no report sent: " + e.getMessage());
            return domain -> true;
        }
    }

    /** Stops the daily job and writes what is waiting in the store; after the queue runner has stopped. */
    @Override
    public void close() {
        daily.close();
        results.close();
    }
}
