package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.bounce.Bounces;
import org.godshell.toaster.queue.NoSuchMessageException;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;

/**
 * The delivery scheduler: the one owner of a queue's delivery (it holds {@code queue/lock}), which finds every
 * committed message at start, hears of new ones from {@link Queue#onCommit} without polling, and runs each
 * message's attempts on virtual threads, one attempt per message at a time. After an attempt it bounces what
 * failed, removes the message when nobody is pending, or records the state and schedules the next attempt.
 * Requests from {@code toaster queue} arrive as files in {@code queue/requests/} ({@link Requests}).
 */
public final class QueueRunner implements AutoCloseable {

    /** How often {@code queue/requests/} is looked at; toaster queue waits for longer than this. */
    private static final Duration REQUEST_POLL = Duration.ofSeconds(1);

    /** How often requests are looked at during a pause, which a backup waits for. */
    private static final Duration PAUSE_POLL = Duration.ofMillis(100);

    /** Queue lock files held by runners of this JVM. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Queue queue;
    private final ProgressStore progress;
    private final DeliveryAttempt attempt;
    private final Live<DeliveryConfig> config;
    private final Function<DeliveryConfig, Schedule> schedule;
    private final Clock clock;
    private final Consumer<String> log;
    private final Requests requests;
    private final Path lockPath;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final DueList due;
    private final Set<QueueId> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<QueueId> deleteAfterFlight = ConcurrentHashMap.newKeySet();
    private final Set<QueueId> deleteAfterPause = ConcurrentHashMap.newKeySet();
    private final DeliveryPause pause;
    private final DeliveryObserver observer;
    private final QueueTally tally = new QueueTally();
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread dispatcher;
    private volatile boolean stopping;

    private QueueRunner(Path queueDir, Queue queue, Router router, Live<DeliveryConfig> config,
            Function<DeliveryConfig, Schedule> schedule, Clock clock, Consumer<String> log, Path lockPath,
            FileChannel lockFile, FileLock lock, DeliveryObserver observer) throws IOException {
        this.observer = observer;
        this.queue = queue;
        this.progress = ProgressStore.open(queueDir);
        this.config = config;
        this.attempt = new DeliveryAttempt(router, new Permits(() -> config.get().concurrencyLocal()),
                new Permits(() -> config.get().concurrencyRemote()), observer);
        this.schedule = schedule;
        this.clock = clock;
        this.log = log;
        this.requests = Requests.open(queueDir);
        this.pause = DeliveryPause.open(queueDir, log);
        this.lockPath = lockPath;
        this.lockFile = lockFile;
        this.lock = lock;
        this.due = new DueList(clock);
        this.dispatcher = Thread.ofPlatform().name("queue-runner").daemon().unstarted(this::dispatch);
    }

    /**
     * Takes ownership of the queue in {@code queueDir} and starts delivering.
     *
     * @throws IOException when another process delivers from this queue (it holds {@code queue/lock}) or the
     *                     queue cannot be read
     */
    public static QueueRunner start(Path queueDir, Queue queue, Router router, DeliveryConfig config,
            Schedule schedule, Clock clock, Consumer<String> log) throws IOException {
        return start(queueDir, queue, router, Live.fixed(config), fixed -> schedule, clock, log,
                DeliveryObserver.NONE);
    }

    /**
     * As above, with the settings asked for at each delivery: {@code queuelifetime}, the concurrency limits and
     * the name bounces come from follow the control files without a restart.
     */
    public static QueueRunner start(Path queueDir, Queue queue, Router router, Live<DeliveryConfig> config,
            Clock clock, Consumer<String> log) throws IOException {
        return start(queueDir, queue, router, config, clock, log, DeliveryObserver.NONE);
    }

    /** As above, with every recipient's outcome and every remote transaction's time told to {@code observer}. */
    public static QueueRunner start(Path queueDir, Queue queue, Router router, Live<DeliveryConfig> config,
            Clock clock, Consumer<String> log, DeliveryObserver observer) throws IOException {
        return start(queueDir, queue, router, config, now -> Schedule.standard(now.queueLifetime()), clock, log,
                observer);
    }

    private static QueueRunner start(Path queueDir, Queue queue, Router router, Live<DeliveryConfig> config,
            Function<DeliveryConfig, Schedule> schedule, Clock clock, Consumer<String> log, DeliveryObserver observer)
            throws IOException {
        Path lockPath = queueDir.resolve("lock").toAbsolutePath().normalize();
        // Checked first within this JVM: on Linux, closing any channel of a file drops every fcntl lock the
        // process holds on it, so a refused second attempt must never open (and close) the lock file.
        if (!HELD.add(lockPath)) {
            throw new IOException("another runner in this process is delivering from " + queueDir);
        }
        FileChannel lockFile;
        FileLock lock;
        try {
            lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockFile.tryLock();
            if (lock == null) {
                lockFile.close();
                throw new IOException("another process is delivering from " + queueDir + " (it holds "
                        + lockPath + ")");
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(lockPath);
            throw e;
        }
        QueueRunner runner;
        try {
            runner = new QueueRunner(queueDir, queue, router, config, schedule, clock, log, lockPath, lockFile, lock,
                    observer);
            runner.recover();
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            HELD.remove(lockPath);
            throw e;
        }
        queue.onCommit(id -> {
            runner.tally.arrived(id);
            runner.due.add(id, clock.instant());
        });
        runner.dispatcher.start();
        return runner;
    }

    /** Schedules every message in the queue at its recorded time and drops state files of gone messages. */
    private void recover() throws IOException {
        List<QueueId> ids = queue.list();
        Instant now = clock.instant();
        for (QueueId id : ids) {
            try {
                QueuedMessage message = queue.read(id);
                ProgressStore.Loaded loaded = progress.load(message, now);
                loaded.problem().ifPresent(problem -> log.accept("delivery " + id + ": " + problem));
                due.add(id, loaded.progress().nextAttempt());
                tally.set(id, loaded.progress().pending().size());
            } catch (NoSuchMessageException e) {
                continue;
            } catch (IOException e) {
                log.accept("delivery " + id + ": cannot read it, left in the queue: " + e.getMessage());
            }
        }
        progress.removeOrphans(new HashSet<>(ids));
        log.accept("delivery: " + ids.size() + " message(s) in the queue");
    }

    private void dispatch() {
        long nextPoll = System.nanoTime();
        while (!stopping) {
            try {
                if (holdStill()) {
                    continue;
                }
                QueueId id = due.take(REQUEST_POLL);
                if (System.nanoTime() - nextPoll >= 0) {
                    // At most once per interval: under load take() returns at once, message after message.
                    requests.poll(this::onRequest, log);
                    nextPoll = System.nanoTime() + REQUEST_POLL.toNanos();
                }
                if (id != null && inFlight.add(id)) {
                    attempts.submit(() -> process(id));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("delivery: scheduler error, going on: " + e);
            }
        }
    }

    /**
     * During a pause: starts nothing, takes requests more often, acknowledges once no attempt runs (the dispatcher
     * is the only thread that starts one, so none can start after the check). Deletes asked for meanwhile wait
     * for its end, since they change the queue being copied.
     */
    private boolean holdStill() throws InterruptedException {
        if (!pause.holding(clock.instant())) {
            if (!deleteAfterPause.isEmpty()) {
                for (QueueId id : List.copyOf(deleteAfterPause)) {
                    deleteAfterPause.remove(id);
                    onRequest(new Requests.Request.Delete(id));
                }
            }
            return false;
        }
        requests.poll(this::onRequest, log);
        if (inFlight.isEmpty()) {
            pause.idle();
        }
        Thread.sleep(PAUSE_POLL.toMillis());
        return true;
    }

    private void onRequest(Requests.Request request) {
        switch (request) {
            case Requests.Request.Flush flush -> due.allNow();
            case Requests.Request.Retry retry -> due.add(retry.id(), clock.instant());
            case Requests.Request.Pause hold -> pause.pause(hold.token(), clock.instant());
            case Requests.Request.Resume resume -> pause.resume(resume.token());
            case Requests.Request.Delete delete when pause.holding(clock.instant()) -> deleteAfterPause.add(delete.id());
            case Requests.Request.Delete delete -> {
                if (inFlight.add(delete.id())) {
                    attempts.submit(() -> {
                        try {
                            removeByAdmin(delete.id());
                        } finally {
                            inFlight.remove(delete.id());
                        }
                    });
                } else {
                    deleteAfterFlight.add(delete.id());
                }
            }
        }
    }

    private void removeByAdmin(QueueId id) {
        try {
            queue.remove(id);
            progress.delete(id);
            due.forget(id);
            tally.removed(id);
            log.accept("delivery " + id + ": deleted by the admin (toaster queue delete), no bounce sent");
        } catch (IOException e) {
            log.accept("delivery " + id + ": delete failed: " + e.getMessage());
        }
    }

    private void process(QueueId id) {
        try {
            if (!stopping) {
                attemptOnce(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.accept("delivery " + id + ": attempt failed, retrying later: " + e);
            due.add(id, schedule.apply(config.get()).nextAttempt(1, clock.instant()));
        } finally {
            inFlight.remove(id);
            if (deleteAfterFlight.remove(id)) {
                removeByAdmin(id);
            }
        }
    }

    private void attemptOnce(QueueId id) throws IOException, InterruptedException {
        QueuedMessage message;
        try {
            message = queue.read(id);
        } catch (NoSuchMessageException e) {
            due.forget(id);
            tally.removed(id);
            return;
        }
        Instant now = clock.instant();
        ProgressStore.Loaded loaded = progress.load(message, now);
        loaded.problem().ifPresent(problem -> log.accept("delivery " + id + ": " + problem));
        Progress before = loaded.progress();
        DeliveryConfig settings = config.get();
        Schedule schedule = this.schedule.apply(settings);
        DeliveryAttempt.Result attempted = attempt.run(message, before.pending());
        Map<Integer, Outcome> outcomes = attempted.outcomes();
        now = clock.instant();
        Progress after = before.after(outcomes, schedule.nextAttempt(before.attempts() + 1, now));
        outcomes.forEach((index, outcome) -> log.accept(DeliveryLog.outcomeText(id.value(),
                message.envelope().recipients().get(index), outcome,
                attempted.routes().getOrDefault(index, "unknown"))));
        if (schedule.expired(message.envelope().received(), now)) {
            after = after.expired();
        }
        Map<String, Diagnosis> failed = newlyFailed(before, after);
        if (!failed.isEmpty()) {
            observer.delivered(DeliveryObserver.Result.BOUNCED, failed.size());
            log.accept(DeliveryLog.bounceText(id.value(), bouncer(settings).failed(message, failed), failed.size()));
        }
        if (after.done()) {
            queue.remove(id);
            progress.delete(id);
            due.forget(id);
            tally.removed(id);
            log.accept("delivery " + id + ": done, removed from the queue");
            return;
        }
        if (!after.delayWarned() && schedule.warnDue(message.envelope().received(), now)) {
            log.accept("delivery " + id + ": " + bouncer(settings).delayed(message, waiting(after),
                    message.envelope().received().plus(schedule.lifetime())));
            after = after.warned();
        }
        progress.save(id, after);
        tally.set(id, after.pending().size());
        due.add(id, after.nextAttempt());
    }

    /**
     * Made only for an attempt that bounces or warns: its {@code SecureRandom} and patterns cost more than the
     * rest of a local delivery's bookkeeping, and most attempts need none of it.
     */
    private Bouncer bouncer(DeliveryConfig settings) {
        return new Bouncer(new Injector(queue, settings.me(), clock),
                new Bounces(settings.me(), "postmaster@" + settings.me()), clock);
    }

    private static Map<String, Diagnosis> newlyFailed(Progress before, Progress after) {
        Map<String, Diagnosis> failed = new LinkedHashMap<>();
        for (int i = 0; i < after.recipients().size(); i++) {
            Progress.Recipient now = after.recipients().get(i);
            if (now.status() == Progress.Status.FAILED
                    && before.recipients().get(i).status() != Progress.Status.FAILED) {
                failed.put(now.address(), now.last().orElseThrow());
            }
        }
        return failed;
    }

    private static Map<String, Diagnosis> waiting(Progress progress) {
        Map<String, Diagnosis> waiting = new LinkedHashMap<>();
        for (Progress.Recipient recipient : progress.recipients()) {
            if (recipient.status() == Progress.Status.PENDING) {
                waiting.put(recipient.address(), recipient.last()
                        .orElse(Diagnosis.local("4.0.0", "not delivered yet")));
            }
        }
        return waiting;
    }

    /** What is in the queue now, kept without reading the disk, for the metrics. */
    public QueueTally tally() {
        return tally;
    }

    /** Stops scheduling, lets attempts in flight finish for up to {@code grace}, and releases the queue. */
    public void stop(Duration grace) {
        stopping = true;
        pause.stop();
        dispatcher.interrupt();
        attempts.shutdown();
        try {
            attempts.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        attempts.shutdownNow();
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            log.accept("delivery: releasing the queue lock: " + e.getMessage());
        } finally {
            HELD.remove(lockPath);
        }
    }

    /** Whether a runner of this JVM holds the queue lock {@code lockPath} (absolute, normalized). */
    static boolean heldHere(Path lockPath) {
        return HELD.contains(lockPath);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
