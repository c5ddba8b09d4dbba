package org.godshell.toaster.tlsrpt.send;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.godshell.toaster.tlsrpt.store.DayFiles;

/**
 * The daily job of the delivery daemon: once a day, after 00:00 UTC plus a random delay of up to an hour (RFC
 * 8460 §4.1 asks senders to spread their reports), it sends the reports of every finished day not yet reported
 * (noted in {@link ReportState} first), then deletes day files older than {@link #RETENTION_DAYS}. Without a
 * state file only yesterday is reported. A daemon started late in the day sends at once what is due.
 */
public final class DailyReports implements AutoCloseable {

    /** Day files are kept this many days after their day, for the dry run and for a look by hand. */
    public static final int RETENTION_DAYS = 7;

    /** The longest single sleep, so that a clock that jumps is noticed within this. */
    private static final Duration NAP = Duration.ofMinutes(10);

    private final Reporter reporter;
    private final DayFiles files;
    private final ReportState state;
    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean stopped;

    public DailyReports(Reporter reporter, DayFiles files, ReportState state, Clock clock, RandomGenerator random,
            Consumer<String> log) {
        this.reporter = reporter;
        this.files = files;
        this.state = state;
        this.clock = clock;
        this.random = random;
        this.log = log;
        this.thread = Thread.ofVirtual().name("tlsrpt-daily").unstarted(this::loop);
    }

    /** Starts the job's thread; {@link #close} stops it. */
    public DailyReports start() {
        thread.start();
        return this;
    }

    /** The finished days that have a file and are after the noted one (only yesterday when none is noted). */
    public List<LocalDate> due(LocalDate today) throws IOException {
        Optional<LocalDate> last = state.last(log);
        LocalDate yesterday = today.minusDays(1);
        List<LocalDate> due = new ArrayList<>();
        for (LocalDate day : files.days()) {
            boolean after = last.map(day::isAfter).orElse(day.equals(yesterday));
            if (day.isBefore(today) && after) {
                due.add(day);
            }
        }
        return due;
    }

    /** Sends what is due now and prunes old files: one run of the job (the tests call it directly). */
    public void runDue() throws IOException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (LocalDate day : due(today)) {
            state.note(day, log);
            Reporter.Summary summary = reporter.run(day, false, log);
            log.accept("tlsrpt " + day + ": " + summary.reports() + " report(s), " + summary.sent() + " sent, "
                    + summary.failed() + " failed");
        }
        int deleted = files.deleteBefore(today.minusDays(RETENTION_DAYS));
        if (deleted > 0) {
            log.accept("tlsrpt: deleted " + deleted + " day file(s) older than " + RETENTION_DAYS + " days");
        }
    }

    /** When to run next: today's start plus {@code delay} if that is still ahead, else at once when a day is due. */
    static Instant next(Instant now, Duration delay, boolean due) {
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant planned = today.plus(delay);
        if (now.isBefore(planned)) {
            return planned;
        }
        return due ? now : today.plus(Duration.ofDays(1)).plus(delay);
    }

    private void loop() {
        Duration delay = Duration.ofSeconds(random.nextLong(3600));
        while (!stopped) {
            try {
                Instant now = clock.instant();
                boolean due = !due(LocalDate.ofInstant(now, ZoneOffset.UTC)).isEmpty();
                Instant at = next(now, delay, due);
                if (!at.isAfter(now)) {
                    runDue();
                    delay = Duration.ofSeconds(random.nextLong(3600));
                    continue;
                }
                Duration wait = Duration.between(now, at);
                Thread.sleep(wait.compareTo(NAP) < 0 ? wait : NAP);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.accept("tlsrpt: the daily report failed, trying again in an hour: " + e);
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
