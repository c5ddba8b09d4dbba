package org.godshell.toaster.queue;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The name of a committed message: 16 characters of lower-case base 32, safe as a file name and short enough
 * for {@code 250 ok <time> qp <id>}.
 *
 * <p>Layout: 9 characters of milliseconds since the epoch, 3 characters of a sequence within that millisecond,
 * 4 random characters. Ids are fixed width over an alphabet in ASCII order, so string order is creation order.
 * Within one JVM ids are strictly increasing (the clock part never goes back, even if the wall clock does);
 * between processes the random part separates them, and {@link Queue} never overwrites an existing name anyway.
 *
 * @param value the 16-character id; anything else is refused, so an id can never name a path outside the queue
 */
public record QueueId(String value) implements Comparable<QueueId> {

    static final int LENGTH = 16;
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int SEQUENCE_BITS = 15;
    private static final int RANDOM_BITS = 20;

    /** Milliseconds shifted left by {@link #SEQUENCE_BITS}, plus the sequence: one CAS makes ids monotonic. */
    private static final AtomicLong CLOCK = new AtomicLong();

    public QueueId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a queue id: " + value);
        }
    }

    /** Whether {@code s} is a well-formed id; used to skip foreign files without exceptions. */
    public static boolean isValid(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A fresh id, unique in this JVM and greater than every id this JVM made before. */
    static QueueId next() {
        long now = System.currentTimeMillis() << SEQUENCE_BITS;
        long prev;
        long next;
        do {
            prev = CLOCK.get();
            next = Math.max(prev + 1, now);
        } while (!CLOCK.compareAndSet(prev, next));
        char[] out = new char[LENGTH];
        encode(ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS), out, LENGTH, RANDOM_BITS / 5);
        encode(next, out, LENGTH - RANDOM_BITS / 5, 12);
        return new QueueId(new String(out));
    }

    /** When this id was made (millisecond precision), for queue lifetimes and the SMTP reply. */
    public Instant created() {
        long clock = 0;
        for (int i = 0; i < 12; i++) {
            clock = clock << 5 | ALPHABET.indexOf(value.charAt(i));
        }
        return Instant.ofEpochMilli(clock >>> SEQUENCE_BITS);
    }

    private static void encode(long bits, char[] out, int end, int digits) {
        for (int i = end - 1; i >= end - digits; i--) {
            out[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
    }

    @Override
    public int compareTo(QueueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
