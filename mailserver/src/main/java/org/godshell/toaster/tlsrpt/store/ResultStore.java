package org.godshell.toaster.tlsrpt.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.godshell.toaster.tlsrpt.TlsResults;

/**
 * The {@link TlsResults} of a running toaster: {@link #record} turns a result into a line and hands it to one
 * writer thread through a bounded queue, without waiting; the writer appends what has gathered, day by day, to
 * {@code var/tlsrpt/YYYY-MM-DD} (the UTC day the session was recorded). One writer means lines never interleave.
 *
 * <p>Best effort, on purpose: a report is a by-product of delivery. Lines are not fsynced (a crash may lose the
 * last moments' results; the next write first ends a torn last line, so the reader skips only that one), and
 * when the queue is full or the disk refuses a write the result is dropped: the trouble is logged once, and
 * once more, with the number dropped, when writing works again. {@link #record} never throws.
 */
public final class ResultStore implements TlsResults, AutoCloseable {

    /** Results waiting for the writer; beyond this, a burst is dropped rather than held in memory. */
    static final int CAPACITY = 10_000;

    private sealed interface Entry {
        record Line(LocalDate day, String text) implements Entry {}

        record Barrier(CountDownLatch written) implements Entry {}
    }

    private final DayFiles files;
    private final Clock clock;
    private final Consumer<String> log;
    private final BlockingQueue<Entry> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean troubled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private ResultStore(DayFiles files, Clock clock, Consumer<String> log) {
        this.files = files;
        this.clock = clock;
        this.log = log;
        this.writer = Thread.ofPlatform().name("tlsrpt-writer").daemon().unstarted(this::write);
    }

    /** Starts the writer; the directory is made at the first write, so a read-only prefix fails no start. */
    public static ResultStore start(DayFiles files, Clock clock, Consumer<String> log) {
        ResultStore store = new ResultStore(files, clock, log);
        store.writer.start();
        return store;
    }

    @Override
    public void record(SessionResult result) {
        try {
            String line = ResultLine.encode(result);
            if (line.length() > ResultLine.MAX_LENGTH) {
                trouble("a result of " + line.length() + " characters (policy of "
                        + result.policy().domain() + ") is longer than a day file line may be");
            } else if (closed || !pending.offer(new Entry.Line(LocalDate.ofInstant(clock.instant(),
                    ZoneOffset.UTC), line))) {
                trouble(closed ? "the store is closed" : CAPACITY + " results are waiting for the disk");
            }
        } catch (RuntimeException e) {
            trouble(e.toString());
        }
    }

    /** Waits until everything recorded before this call is written (or dropped): for tests and {@link #close}. */
    public void flush() throws InterruptedException {
        if (closed) {
            return;
        }
        CountDownLatch written = new CountDownLatch(1);
        pending.put(new Entry.Barrier(written));
        written.await();
    }

    /** Writes what is waiting, then stops the writer; later results are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        writer.interrupt();
    }

    private void write() {
        List<Entry> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, 1_000);
            Map<LocalDate, StringBuilder> byDay = new LinkedHashMap<>();
            List<CountDownLatch> barriers = new ArrayList<>();
            for (Entry entry : batch) {
                switch (entry) {
                    case Entry.Line line -> byDay.computeIfAbsent(line.day(), day -> new StringBuilder())
                            .append(line.text()).append('\n');
                    case Entry.Barrier barrier -> barriers.add(barrier.written());
                }
            }
            byDay.forEach(this::append);
            barriers.forEach(CountDownLatch::countDown);
            batch.clear();
        }
    }

    private void append(LocalDate day, StringBuilder lines) {
        Path file = files.file(day);
        try {
            Files.createDirectories(files.dir(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            // Positioned at the end rather than opened for APPEND (which forbids reading the last byte): this
            // thread is the file's only writer.
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                long end = channel.size();
                if (end > 0 && !endsWithLineEnd(channel)) {
                    lines.insert(0, '\n');                      // a crash cut the last line: end it first
                }
                channel.position(end);
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            if (troubled.compareAndSet(true, false)) {
                log.accept("tlsrpt: writing results to " + file + " again; " + dropped.getAndSet(0)
                        + " result(s) were dropped meanwhile");
            }
        } catch (IOException | RuntimeException e) {
            long lost = lines.chars().filter(c -> c == '\n').count();
            dropped.addAndGet(lost);
            if (troubled.compareAndSet(false, true)) {
                log.accept("tlsrpt: cannot write " + file + ", dropping session results until it works again "
                        + "(delivery goes on): " + e);
            }
        }
    }

    private static boolean endsWithLineEnd(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }

    private void trouble(String why) {
        dropped.incrementAndGet();
        if (troubled.compareAndSet(false, true)) {
            log.accept("tlsrpt: dropping session results until it works again (delivery goes on): " + why);
        }
    }
}
