package org.godshell.toaster.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link QueueCrashTest} in a separate JVM that the test kills with SIGKILL: commits messages from
 * several virtual threads until killed, printing {@code <id> <n>} for message {@code n} only after its commit
 * has returned, i.e. exactly when an SMTP server would say 250. Every other message is committed with header
 * edits ({@link Fixtures#edits}), so the kill also lands between a trailer's write and its commit.
 */
public final class CrashWriter {

    static final int THREADS = 4;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Queue queue = Queue.open(Path.of(args[0]));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().start(() -> run(queue, first)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void run(Queue queue, int first) {
        try {
            for (int n = first; ; n += THREADS) {
                QueueId id = Fixtures.commitChecked(queue, n);
                System.out.println(id + " " + n);
            }
        } catch (IOException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
