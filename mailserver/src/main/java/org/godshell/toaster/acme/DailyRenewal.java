package org.godshell.toaster.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The renewal a daemon runs beside its work ({@code toaster wiki serve}): a first check shortly after start, then
 * one a day, or sooner when the back-off's next try or the due date comes first. One log line per check that
 * did something or failed; nothing while ACME is not set up (no {@code control/acme/email}), so a toaster
 * without ACME logs nothing. Its own thread: a check that waits for the CA never holds a request.
 */
public final class DailyRenewal implements AutoCloseable {

    static final Duration DAY = Duration.ofDays(1);
    /** Never sooner than this between checks, whatever a clock or a CA says. */
    static final Duration LEAST = Duration.ofMinutes(5);

    private final Acme acme;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "acme-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private DailyRenewal(Acme acme, Clock clock, Consumer<String> log) {
        this.acme = acme;
        this.clock = clock;
        this.log = log;
    }

    /** Starts checking {@code firstDelay} from now. */
    public static DailyRenewal start(Acme acme, Duration firstDelay, Clock clock, Consumer<String> log) {
        DailyRenewal renewal = new DailyRenewal(acme, clock, log);
        renewal.schedule(firstDelay);
        return renewal;
    }

    private void schedule(Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        Duration next = DAY;
        try {
            if (acme.files().configured()) {
                Outcome outcome = acme.renew(false, false);
                log.accept(outcome.line());
                next = switch (outcome) {
                    case Outcome.Failed failed -> until(failed.nextTry());
                    case Outcome.NotDue notDue -> until(notDue.until());
                    case Outcome.Renewed renewed -> DAY;
                    case Outcome.NotSetUp notSetUp -> DAY;
                };
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.accept("acme: the renewal check failed: " + e);
        }
        schedule(next);
    }

    /** The time to {@code at}, at most a day, at least {@link #LEAST}. */
    private Duration until(Instant at) {
        Duration wait = Duration.between(clock.instant(), at);
        return wait.compareTo(LEAST) < 0 ? LEAST : wait.compareTo(DAY) > 0 ? DAY : wait;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
