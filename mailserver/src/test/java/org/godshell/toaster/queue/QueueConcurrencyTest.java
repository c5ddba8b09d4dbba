package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.commit;
import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.godshell.toaster.queue.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueConcurrencyTest {

    private static final int SESSIONS = 50;

    @TempDir
    Path root;

    @Test
    void fiftyVirtualThreadsCommitDistinctReadableMessages() throws Exception {
        try (Queue queue = Queue.open(root)) {
            List<Future<QueueId>> futures = new ArrayList<>();
            try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SESSIONS; i++) {
                    int n = i;
                    futures.add(sessions.submit(() -> commit(queue, envelope("r" + n + "@example.org"),
                            Fixtures.body(n))));
                }
            }
            List<QueueId> ids = new ArrayList<>();
            for (Future<QueueId> future : futures) {
                ids.add(future.get());
            }
            assertEquals(SESSIONS, new HashSet<>(ids).size(), "ids are distinct");
            assertEquals(ids.stream().sorted().toList(), queue.list());
            for (int i = 0; i < SESSIONS; i++) {
                QueuedMessage message = queue.read(ids.get(i));
                assertEquals(List.of("r" + i + "@example.org"), message.envelope().recipients());
                assertArrayEquals(Fixtures.body(i), readAll(message));
            }
            long syncs = queue.directorySyncs();
            assertTrue(syncs >= 1 && syncs <= SESSIONS, "directory fsyncs: " + syncs);
        }
    }

    @Test
    void fiftyVirtualThreadsReadBackAndCommitWithTheirOwnEdits() throws Exception {
        try (Queue queue = Queue.open(root)) {
            List<Future<QueueId>> futures = new ArrayList<>();
            try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SESSIONS; i++) {
                    int n = i;
                    futures.add(sessions.submit(() -> Fixtures.commitChecked(queue, n)));
                }
            }
            for (int i = 0; i < SESSIONS; i++) {
                QueuedMessage message = queue.read(futures.get(i).get());
                assertEquals(List.of("r" + i + "@example.org"), message.envelope().recipients());
                assertArrayEquals(Fixtures.expected(i), readAll(message), "message " + i);
                assertEquals(Fixtures.expected(i).length, message.size());
            }
        }
    }
}
