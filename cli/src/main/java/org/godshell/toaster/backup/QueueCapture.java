package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.godshell.toaster.deliver.QueueSnapshot;
import org.godshell.toaster.io.Handover;

/**
 * How the queue gets into an archive: its {@code mess/} and {@code info/} as they were at one moment, so that a
 * message and its delivery state agree (queue.md: a message file is written once; the state beside it is
 * replaced while deliveries run).
 */
@FunctionalInterface
public interface QueueCapture {

    /** How long a backup waits for the deliveries in progress before it copies the queue anyway. */
    Duration WAIT = Duration.ofSeconds(60);

    /**
     * The toaster's: {@link QueueSnapshot}, which pauses a running delivery runner (or holds the queue lock when
     * none runs) and hard-links mess/ and info/; {@code handover} gives its request files to the runner's account.
     */
    static QueueCapture snapshot(Handover handover) {
        return queueDir -> {
            QueueSnapshot snapshot = QueueSnapshot.take(queueDir, WAIT, handover);
            return new Snapshot() {
                @Override
                public Path root() {
                    return snapshot.root();
                }

                @Override
                public boolean consistent() {
                    return snapshot.consistent();
                }

                @Override
                public void close() throws IOException {
                    snapshot.close();
                }
            };
        };
    }

    /** A copy of {@code queueDir}'s mess/ and info/ under {@link Snapshot#root()}, removed by close(). */
    Snapshot take(Path queueDir) throws IOException;

    /** The copy: {@code root()/mess}, {@code root()/info}. */
    interface Snapshot extends AutoCloseable {
        Path root();

        /** False when deliveries were still running at the moment of the copy. */
        boolean consistent();

        @Override
        void close() throws IOException;
    }
}
