package org.godshell.toaster.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A committed message as read back from the queue: its envelope, and a way to stream its bytes. Read the
 * message only through {@link #openMessage()} and {@link #size()}: the file also holds the envelope and the
 * header edits.
 *
 * @param id       its queue id
 * @param envelope the envelope it was committed with
 * @param file     the queue file holding envelope, message and header edits
 * @param layout   where the message bytes are in {@code file}, and the header edits made at the commit
 */
public record QueuedMessage(QueueId id, Envelope envelope, Path file, MessageLayout layout) {

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(layout, "layout");
    }

    /** A message stored as received: {@code size} bytes at {@code bodyOffset} of {@code file}, no edits. */
    public QueuedMessage(QueueId id, Envelope envelope, long size, Path file, long bodyOffset) {
        this(id, envelope, file, MessageLayout.verbatim(bodyOffset, size));
    }

    /** Where local delivery puts it: the inbox, or Junk when a check at intake found it suspect. */
    public Folder folder() {
        return layout.folder();
    }

    /** The number of message bytes {@link #openMessage()} yields (the envelope and the edits' record not counted). */
    public long size() {
        return layout.size();
    }

    /**
     * Opens the message: the header fields added at the commit, then the bytes written to
     * {@link Intake#body()} without the fields dropped at the commit. The stream is not buffered (read in
     * blocks); the caller closes it. Committed files are never modified, so the stream is stable even while
     * other messages are queued.
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
        return new MessageStream(channel, true, layout.prefix(), segments(), file.toString());
    }

    /** The file ranges holding the received message, around the dropped ranges. */
    private List<MessageStream.Segment> segments() {
        long base = layout.bodyOffset();
        List<MessageStream.Segment> segments = new ArrayList<>(layout.dropped().size() + 1);
        long from = 0;
        for (MessageLayout.Range range : layout.dropped()) {
            if (range.start() > from) {
                segments.add(new MessageStream.Segment(base + from, base + range.start()));
            }
            from = range.end();
        }
        if (layout.receivedSize() > from) {
            segments.add(new MessageStream.Segment(base + from, base + layout.receivedSize()));
        }
        return segments;
    }
}
