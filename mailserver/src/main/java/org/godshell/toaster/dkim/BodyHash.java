package org.godshell.toaster.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 hash of a canonicalized body (RFC 6376 §3.4.3, §3.4.4, §3.7), computed in one pass without
 * copying the body: empty lines are counted and written only when a non-empty line follows, so the empty
 * lines at the end are never hashed.
 *
 * @param digest          the 32-octet hash ({@code bh=})
 * @param canonicalLength the octets of the whole canonical body
 * @param hashedLength    the octets hashed: all of them, or {@code l=} when that is fewer
 */
record BodyHash(byte[] digest, long canonicalLength, long hashedLength) {

    /** No {@code l=}: the whole body. */
    static final long WHOLE = Long.MAX_VALUE;

    /** Hashes {@code bytes} from {@code start} canonicalized with {@code canonicalization}, at most {@code limit}. */
    static BodyHash of(byte[] bytes, int start, Canonicalization canonicalization, long limit) {
        Sink sink = new Sink(limit);
        long emptyLines = 0;
        int i = start;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && !(bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n')) {
                end++;
            }
            // A last line without CRLF gets one (§3.4.3, §3.4.4): it is read here as if it had it.
            boolean content = switch (canonicalization) {
                case SIMPLE -> end > i;
                case RELAXED -> hasNonWsp(bytes, i, end);
            };
            if (content) {
                for (; emptyLines > 0; emptyLines--) {
                    sink.crlf();
                }
                if (canonicalization == Canonicalization.SIMPLE) {
                    sink.write(bytes, i, end);
                } else {
                    writeRelaxed(sink, bytes, i, end);
                }
                sink.crlf();
            } else {
                emptyLines++;
            }
            i = end + 2;
        }
        if (canonicalization == Canonicalization.SIMPLE && sink.total == 0) {
            sink.crlf(); // §3.4.3: an empty body is one CRLF; §3.4.4 leaves a relaxed one empty
        }
        return new BodyHash(sink.digest(), sink.total, sink.hashed);
    }

    /** §3.4.4: whitespace runs become one space, whitespace at the end of the line goes. */
    private static void writeRelaxed(Sink sink, byte[] bytes, int from, int to) {
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\t') {
                space = true;
            } else {
                if (space) {
                    sink.write((byte) ' ');
                    space = false;
                }
                sink.write(b);
            }
        }
    }

    private static boolean hasNonWsp(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return true;
            }
        }
        return false;
    }

    /** Counts every canonical octet and hashes the first {@code limit}, through a small buffer. */
    private static final class Sink {
        private final MessageDigest sha256 = sha256();
        private final byte[] buffer = new byte[8192];
        private final long limit;
        private int buffered;
        private long total;
        private long hashed;

        Sink(long limit) {
            this.limit = limit;
        }

        void write(byte b) {
            total++;
            if (hashed < limit) {
                hashed++;
                if (buffered == buffer.length) {
                    sha256.update(buffer, 0, buffered);
                    buffered = 0;
                }
                buffer[buffered++] = b;
            }
        }

        void write(byte[] bytes, int from, int to) {
            long room = Math.max(0, Math.min(to - from, limit - hashed));
            flush();
            sha256.update(bytes, from, (int) room);
            hashed += room;
            total += to - from;
        }

        void crlf() {
            write((byte) '\r');
            write((byte) '\n');
        }

        private void flush() {
            sha256.update(buffer, 0, buffered);
            buffered = 0;
        }

        byte[] digest() {
            flush();
            return sha256.digest();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
