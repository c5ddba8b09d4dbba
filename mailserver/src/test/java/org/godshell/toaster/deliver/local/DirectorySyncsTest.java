package org.godshell.toaster.deliver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DirectorySyncsTest {

    private static final Path NEW = Path.of("/mail/a/Maildir/new");

    @Test
    void everyCallerReturnsOnlyAfterAnFsyncThatBeganAfterItsChange() throws Exception {
        // A change is a number; an fsync makes durable every change made before it began, as a directory fsync
        // makes every link made before it durable.
        AtomicLong changes = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> {
            long upTo = changes.get();
            fsyncs.incrementAndGet();
            Thread.yield();
            durable.accumulateAndGet(upTo, Math::max);
        });
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 50; i++) {
                    long mine = changes.incrementAndGet();
                    try {
                        syncs.sync(NEW);
                    } catch (IOException e) {
                        problems.add(e.toString());
                    }
                    if (durable.get() < mine) {
                        problems.add("change " + mine + " returned before it was durable (" + durable.get() + ")");
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(fsyncs.get() <= 2000, "never more fsyncs than callers: " + fsyncs.get());
        assertEquals(0, syncs.active(), "no directory is remembered once nobody waits on it");
    }

    @Test
    void deliveriesArrivingDuringAnFsyncShareTheNextOne() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> {
            if (fsyncs.incrementAndGet() == 1) {
                inFirst.countDown();
                await(releaseFirst);
            }
        });
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread first = start(syncs, NEW, failures);
        inFirst.await();
        List<Thread> others = startMany(syncs, 10, failures);
        waitUntilWaiting(syncs, 10);
        releaseFirst.countDown();
        first.join();
        joinAll(others);
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(2, fsyncs.get(), "one fsync for the first delivery, one shared by the ten behind it");
    }

    @Test
    void aFailedFsyncFailsEveryDeliveryThatWaitedOnIt() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        IOException diskGone = new IOException("EIO");
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> {
            int n = fsyncs.incrementAndGet();
            if (n == 1) {
                inFirst.countDown();
                await(releaseFirst);
            } else if (n == 2) {
                throw diskGone;
            }
        });
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread first = start(syncs, NEW, failures);
        inFirst.await();
        List<Thread> others = startMany(syncs, 10, failures);
        waitUntilWaiting(syncs, 10);
        releaseFirst.countDown();
        first.join();
        joinAll(others);
        assertEquals(10, failures.size(), "every delivery of the failed batch is told, none is left believing");
        failures.forEach(f -> assertSame(diskGone, f.getCause()));
        syncs.sync(NEW);
        assertEquals(3, fsyncs.get(), "the next delivery gets a fresh fsync of its own");
        assertEquals(0, syncs.active());
    }

    @Test
    void differentDirectoriesAreSyncedEachOnTheirOwn() throws IOException {
        Map<Path, Integer> fsyncs = new ConcurrentHashMap<>();
        DirectorySyncs syncs = new DirectorySyncs(dir -> fsyncs.merge(dir, 1, Integer::sum));
        Path other = Path.of("/mail/b/Maildir/.Junk/new");
        syncs.sync(NEW);
        syncs.sync(other);
        syncs.sync(NEW);
        assertEquals(Map.of(NEW, 2, other, 1), fsyncs);
    }

    private static List<Thread> startMany(DirectorySyncs syncs, int n, ConcurrentLinkedQueue<Throwable> failures) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(start(syncs, NEW, failures));
        }
        return threads;
    }

    private static Thread start(DirectorySyncs syncs, Path dir, ConcurrentLinkedQueue<Throwable> failures) {
        return Thread.ofPlatform().start(() -> {
            try {
                syncs.sync(dir);
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        });
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Until {@code n} deliveries wait for the running fsync, so all of them are in the batch after it. */
    private static void waitUntilWaiting(DirectorySyncs syncs, int n) throws InterruptedException {
        while (syncs.waiting(NEW) < n) {
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted in a test's fsync");
        }
    }
}
