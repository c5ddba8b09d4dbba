package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void aLoneCallerPaysOneSyncPerCall() throws IOException {
        AtomicInteger syncs = new AtomicInteger();
        GroupCommit group = new GroupCommit(syncs::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            group.await();
        }
        assertEquals(5, syncs.get());
        assertEquals(5, group.syncs());
    }

    @Test
    void callersArrivingDuringASyncShareTheNextOne() throws Exception {
        CountDownLatch inFirstSync = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (syncs.incrementAndGet() == 1) {
                inFirstSync.countDown();
                awaitUninterruptibly(releaseFirstSync);
            }
        });
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread leader = start(group, failures);
        inFirstSync.await();
        List<Thread> followers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            followers.add(start(group, failures));
        }
        // All ten are in the second batch once all of them wait for the first sync to end.
        while (group.waiting() < 10) {
            Thread.sleep(5);
        }
        releaseFirstSync.countDown();
        leader.join();
        for (Thread follower : followers) {
            follower.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(2, syncs.get(), "one sync for the leader, one shared by the ten that came during it");
    }

    @Test
    void aFailedSyncFailsItsWholeBatchAndTheNextSyncStartsFresh() throws IOException {
        IOException diskGone = new IOException("EIO");
        AtomicInteger calls = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw diskGone;
            }
        });
        IOException e = assertThrows(IOException.class, group::await);
        assertSame(diskGone, e.getCause());
        group.await();
        assertEquals(2, calls.get());
    }

    @Test
    void aRuntimeFailureInSyncIsReportedAsIoFailureNotSuccess() {
        GroupCommit group = new GroupCommit(() -> {
            throw new IllegalStateException("bug");
        });
        IOException e = assertThrows(IOException.class, group::await);
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    private static Thread start(GroupCommit group, ConcurrentLinkedQueue<Throwable> failures) {
        Thread thread = new Thread(() -> {
            try {
                group.await();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
