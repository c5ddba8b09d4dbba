package org.godshell.toaster.queue;

import java.io.Serial;
import java.nio.file.NoSuchFileException;

/** {@link Queue#read} was asked for an id that is not (or no longer) in the queue. */
public final class NoSuchMessageException extends NoSuchFileException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient QueueId id;

    NoSuchMessageException(QueueId id, String file) {
        super(file, null, "no message " + id + " in the queue");
        this.id = id;
    }

    /** The id that was asked for. */
    public QueueId id() {
        return id;
    }
}
