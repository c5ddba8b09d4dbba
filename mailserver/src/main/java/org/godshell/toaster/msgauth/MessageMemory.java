package org.godshell.toaster.msgauth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many message bytes the checks may hold in memory at once, across all sessions: DKIM hashes the whole
 * message, and a full buffer per concurrent session would let forty 25 MB messages take a gigabyte. A message
 * waits for room (the client is waiting for its reply to the final dot anyway); one larger than the whole
 * budget is never held, and its checks say so.
 */
public final class MessageMemory {

    /** The default: room for two messages at the installer's databytes (25 MiB) and many small ones. */
    public static final long DEFAULT_BYTES = 64L << 20;
    private static final int UNIT = 1024;

    private final long bytes;
    private final Semaphore units;

    public MessageMemory(long bytes) {
        if (bytes < UNIT || bytes / UNIT > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a memory budget of " + bytes + " bytes");
        }
        this.bytes = bytes;
        this.units = new Semaphore((int) (bytes / UNIT));
    }

    /** Whether a message of {@code size} bytes can ever be held. */
    public boolean fits(long size) {
        return size <= bytes;
    }

    /**
     * Room for {@code size} bytes, waited for up to {@code waitMillis}; empty when the message does not fit at
     * all or the wait ran out. Close the room when done with the bytes.
     */
    public Optional<Room> hold(long size, long waitMillis) throws InterruptedException {
        if (!fits(size)) {
            return Optional.empty();
        }
        int needed = (int) Math.max(1, (size + UNIT - 1) / UNIT);
        if (!units.tryAcquire(needed, waitMillis, TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(new Room(this, needed));
    }

    /** Held room; closing gives it back, once. */
    public static final class Room implements AutoCloseable {
        private final MessageMemory memory;
        private int units;

        private Room(MessageMemory memory, int units) {
            this.memory = memory;
            this.units = units;
        }

        @Override
        public void close() {
            if (units > 0) {
                memory.units.release(units);
                units = 0;
            }
        }
    }
}
