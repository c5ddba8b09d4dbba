package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the queue gets into an archive: its {@code mess/} and {@code info/} as they were at one moment, so that a
 * message and its delivery state agree (queue.md: a message file is written once; the state beside it is
 * replaced while deliveries run). The toaster's is {@code deliver.QueueSnapshot}: delivery paused, hard links.
 */
@FunctionalInterface
public interface QueueCapture {

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
