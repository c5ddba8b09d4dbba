package org.godshell.toaster.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A committed message as read back from the queue: its envelope, and a way to stream its bytes.
 *
 * @param id         its queue id
 * @param envelope   the envelope it was committed with
 * @param size       the number of message bytes (the envelope not counted)
 * @param file       the queue file holding envelope and message
 * @param bodyOffset where the message bytes start in {@code file}
 */
public record QueuedMessage(QueueId id, Envelope envelope, long size, Path file, long bodyOffset) {

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(file, "file");
    }

    /**
     * Opens the message bytes, exactly as they were written to {@link Intake#body()}. The stream is not
     * buffered (read in blocks); the caller closes it. Committed files are never modified, so the stream is
     * stable even while other messages are queued.
     *
     * @throws NoSuchMessageException if the message has been removed since it was read
     */
    public InputStream openMessage() throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchMessageException(id, file.toString());
        }
        try {
            channel.position(bodyOffset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }
}
