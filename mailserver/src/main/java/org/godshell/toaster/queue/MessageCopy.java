package org.godshell.toaster.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A read-only copy of a message being received, as a file of its own, for programs that read a message as a
 * file (the {@code [body]} plugins): made by {@link Intake#copy()}, deleted by {@link #close()}.
 *
 * @param path the copy, {@code tmp/<pid>.<id>.copy} in the queue, mode 0400
 * @param size its size in bytes: the message as received so far
 */
public record MessageCopy(Path path, long size) implements Closeable {

    /** Deletes the copy; deleting one that is gone already is not an error. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
