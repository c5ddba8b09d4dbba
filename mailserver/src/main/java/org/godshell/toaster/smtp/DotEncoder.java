package org.godshell.toaster.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The sending side of DATA, the inverse of {@link DataReader}: writes a message as SMTP mail data, streaming.
 * Every line that starts with a dot gets a second one (RFC 5321 §4.5.2), and {@link #finish} ends the data
 * with CRLF "." CRLF, adding the CRLF the last line lacks.
 *
 * <p>Line endings are made legal on the way: RFC 5321 §2.3.8 says a client sends CR and LF only together, as
 * CRLF, so a bare LF or a bare CR becomes CRLF (and the line after it is stuffed like any other). A message
 * that carried {@code \n.\n} can therefore never look like an end of data to a lenient receiver (SMTP
 * smuggling, CVE-2023-51764 class): we send {@code \r\n..\r\n}. Messages from our own queue already end
 * every line in CRLF, so for them only stuffing changes the bytes. Long lines are sent as they are.
 *
 * <p>Not thread-safe; one instance per message. {@link #finish} does not close the underlying stream.
 */
public final class DotEncoder extends OutputStream {

    private static final int BUFFER = 16 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int used;
    private boolean lineStart = true;
    private boolean heldCr;
    private boolean finished;
    private long written;

    public DotEncoder(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the data was already finished");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (heldCr) {
                heldCr = false;
                newline();
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\r') {
                heldCr = true;
            } else if (c == '\n') {
                newline();
            } else {
                if (lineStart && c == '.') {
                    put((byte) '.');
                }
                lineStart = false;
                put(c);
            }
        }
    }

    /** Ends the data: the last line's CRLF if it has none, then "." CRLF; flushes. Returns the bytes sent. */
    public long finish() throws IOException {
        if (finished) {
            throw new IOException("the data was already finished");
        }
        if (heldCr) {
            heldCr = false;
            newline();
        }
        if (!lineStart) {
            newline();
        }
        put((byte) '.');
        put((byte) '\r');
        put((byte) '\n');
        finished = true;
        drain();
        out.flush();
        return written;
    }

    /** Writes what is buffered; the message is not ended (use {@link #finish}). */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    private void newline() throws IOException {
        put((byte) '\r');
        put((byte) '\n');
        lineStart = true;
    }

    private void put(byte c) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = c;
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            written += used;
            used = 0;
        }
    }
}
