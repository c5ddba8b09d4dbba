package org.godshell.toaster.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The DATA body state machine: finds the terminator, removes dot-stuffing, checks line endings, line lengths,
 * NUL and the size limit, counts Received headers, and writes the message in runs straight from the input
 * buffer. One instance per message; fed chunk by chunk, it keeps its state across chunk boundaries.
 *
 * <p>The terminator is exactly CRLF "." CRLF, where the first CRLF may be the start of the body (RFC 5321
 * §4.1.1.4). A line start is only ever reached through a real CRLF, so bare CR or LF followed by a dot can never
 * end the message (SMTP smuggling, CVE-2023-51764 class).
 *
 * <p>Output contract: while the outcome is OK every unstuffed byte is written; at the first problem the bytes
 * emitted before the byte that revealed it are written and nothing after, and with TOO_BIG exactly the first
 * {@code maxBytes} bytes are written. A refused body is to be discarded by the caller.
 */
final class DotDecoder {

    private static final int LINE_START = 0;
    private static final int MID = 1;
    private static final int CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /** RFC 5321 §4.5.3.1.6: 1000 octets including CRLF, so 998 before it. */
    private static final int MAX_TEXT = 998;
    private static final byte[] RECEIVED = {'r', 'e', 'c', 'e', 'i', 'v', 'e', 'd', ':'};
    private static final byte[] HELD_CR = {'\r'};

    private final OutputStream out;
    private final long maxBytes;
    private DataResult.Outcome outcome = DataResult.Outcome.OK;
    private long bytes;
    private int state = LINE_START;
    private int lineLen;
    private boolean inHeader = true;
    private int match;
    private int received;
    private boolean done;
    private int run;

    DotDecoder(OutputStream out, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 (unlimited) or positive: " + maxBytes);
        }
        this.out = out;
        this.maxBytes = maxBytes;
    }

    boolean done() {
        return done;
    }

    DataResult result() {
        return new DataResult(outcome, bytes, received);
    }

    /** Consumes {@code b[off..end)} up to and including the terminator; returns the index after the last byte used. */
    int feed(byte[] b, int off, int end) throws IOException {
        int i = off;
        run = off;
        while (i < end && !done) {
            byte c = b[i];
            switch (state) {
                case LINE_START -> {
                    lineLen = 0;
                    match = inHeader ? 0 : -1;
                    if (c == '.') {
                        // RFC 5321 §4.5.2: the first dot of a line is always removed (stuffing or terminator).
                        emit(b, run, i);
                        run = i + 1;
                        lineLen = 1;
                        state = DOT;
                        i++;
                    } else if (c == '\r') {
                        state = CR;
                        i++;
                    } else {
                        state = MID;
                    }
                }
                case MID -> i = scanText(b, i, end);
                case CR -> {
                    if (c == '\n') {
                        if (lineLen == 0) {
                            inHeader = false;
                        }
                        state = LINE_START;
                        i++;
                    } else {
                        fail(b, i, DataResult.Outcome.BARE_LINE_ENDING);
                        lineLen++;
                        if (c == '\r') {
                            i++;
                        } else {
                            state = MID;
                        }
                    }
                }
                case DOT -> {
                    if (c == '\r') {
                        // Hold this CR: it is either the terminator's or a bare CR.
                        emit(b, run, i);
                        run = i + 1;
                        state = DOT_CR;
                        i++;
                    } else {
                        state = MID;
                    }
                }
                case DOT_CR -> {
                    if (c == '\n') {
                        done = true;
                        run = i + 1;
                        i++;
                    } else {
                        emit(HELD_CR, 0, 1);
                        fail(b, i, DataResult.Outcome.BARE_LINE_ENDING);
                        lineLen++;
                        if (c == '\r') {
                            state = CR;
                            i++;
                        } else {
                            state = MID;
                        }
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        emit(b, run, i);
        run = i;
        return i;
    }

    /** The hot loop: text bytes up to the next CR, LF or NUL. */
    private int scanText(byte[] b, int i, int end) throws IOException {
        int j = i;
        while (j < end) {
            byte c = b[j];
            if (c == '\r' || c == '\n' || c == 0) {
                break;
            }
            j++;
        }
        if (match >= 0) {
            matchReceived(b, i, j);
        }
        int before = lineLen;
        lineLen += j - i;
        if (lineLen > MAX_TEXT && before <= MAX_TEXT) {
            fail(b, i + (MAX_TEXT - before), DataResult.Outcome.LINE_TOO_LONG);
        }
        if (j == end) {
            return j;
        }
        byte c = b[j];
        match = -1;
        if (c == '\r') {
            state = CR;
        } else {
            fail(b, j, c == '\n' ? DataResult.Outcome.BARE_LINE_ENDING : DataResult.Outcome.NUL_BYTE);
            lineLen++;
        }
        return j + 1;
    }

    private void matchReceived(byte[] b, int from, int to) {
        for (int k = from; k < to && match >= 0; k++) {
            int c = b[k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != RECEIVED[match]) {
                match = -1;
            } else if (++match == RECEIVED.length) {
                received++;
                match = -1;
            }
        }
    }

    private void fail(byte[] b, int at, DataResult.Outcome why) throws IOException {
        emit(b, run, at);
        run = at;
        if (outcome == DataResult.Outcome.OK) {
            outcome = why;
        }
    }

    /** Writes {@code b[from..to)} while the outcome is OK and the limit allows; always counts it. */
    private void emit(byte[] b, int from, int to) throws IOException {
        int len = to - from;
        if (len <= 0) {
            return;
        }
        if (outcome == DataResult.Outcome.OK) {
            if (maxBytes > 0 && bytes + len > maxBytes) {
                out.write(b, from, (int) (maxBytes - bytes));
                outcome = DataResult.Outcome.TOO_BIG;
            } else {
                out.write(b, from, len);
            }
        }
        bytes += len;
    }
}
