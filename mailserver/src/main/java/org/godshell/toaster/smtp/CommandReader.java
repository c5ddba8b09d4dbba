package org.godshell.toaster.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads SMTP command lines strictly: only CRLF ends a line (RFC 5321 §2.3.8), a line is at most 512 octets
 * including CRLF (§4.5.3.1.4), and it must be UTF-8 without NUL. A bad line is consumed up to and including its
 * next LF and reported as such, so the session replies once per bad line and stays in step with the client.
 *
 * <p>The reader buffers internally. Bytes it has read from the stream but not yet returned stay in its buffer:
 * {@link #buffered()} says how many (a client that pipelines after STARTTLS has some there, RFC 3207 §6) and
 * {@link #discardBuffered()} drops them before the TLS handshake. For the message body after 354, call
 * {@link DataReader#read(CommandReader, java.io.OutputStream, long)} so pipelined bytes are not lost.
 *
 * <p>Not thread-safe: one reader per connection, used by the session's thread.
 */
public final class CommandReader {

    /** RFC 5321 §4.5.3.1.4: a command line, CRLF included. */
    public static final int MAX_LINE = 512;
    static final int FIRST_BUFFER_SIZE = 1024;

    private final InputStream in;
    /**
     * Starts at {@link #FIRST_BUFFER_SIZE} and grows to the reader's size once a read fills it (a pipelined
     * group, a message body): an idle session waiting for its next command holds 1 KB, not 8 (bench/idle.sh).
     */
    private byte[] buf;
    private final int bufferSize;
    private int pos;
    private int limit;
    /** The longest line's content, CRLF excluded. */
    private final int maxText;
    private final byte[] line;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public CommandReader(InputStream in) {
        this(in, 8192);
    }

    /**
     * For another line-based protocol with the same rules and a different limit: {@code maxLine} octets, CRLF
     * included (POP3: 255, RFC 2449 §4).
     */
    public static CommandReader withLimit(InputStream in, int maxLine) {
        return new CommandReader(in, 8192, maxLine);
    }

    /** With a given buffer size; small sizes let tests cross buffer boundaries everywhere. */
    CommandReader(InputStream in, int bufferSize) {
        this(in, bufferSize, MAX_LINE);
    }

    private CommandReader(InputStream in, int bufferSize, int maxLine) {
        this.in = Objects.requireNonNull(in, "in");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be positive");
        }
        if (maxLine < 3) {
            throw new IllegalArgumentException("a line must have room for one octet and CRLF");
        }
        this.bufferSize = bufferSize;
        this.buf = new byte[Math.min(bufferSize, FIRST_BUFFER_SIZE)];
        this.maxText = maxLine - 2;
        this.line = new byte[maxText];
    }

    /** Reads the next command line; blocks until a whole line (good or bad) or the end of the stream. */
    public CommandLine read() throws IOException {
        int len = 0;
        boolean tooLong = false;
        boolean bare = false;
        boolean nul = false;
        boolean pendingCr = false;
        while (true) {
            if (pos == limit && !fill()) {
                return new Eof();
            }
            byte b = buf[pos++];
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    return finish(len, tooLong, bare, nul);
                }
                // The CR before this byte was not followed by LF: a bare CR, counted as line content.
                bare = true;
                if (len < maxText) {
                    len++;
                } else {
                    tooLong = true;
                }
            }
            if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                // A bare LF ends the bad line: it is where a sloppy client thinks its line ends.
                return tooLong ? new TooLong() : new BareLineEnding();
            } else {
                nul |= b == 0;
                if (len < maxText) {
                    line[len++] = b;
                } else {
                    tooLong = true;
                }
            }
        }
    }

    private CommandLine finish(int len, boolean tooLong, boolean bare, boolean nul) {
        if (tooLong) {
            return new TooLong();
        }
        if (bare) {
            return new BareLineEnding();
        }
        if (nul) {
            return new HasNul();
        }
        boolean ascii = true;
        for (int i = 0; i < len && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return new Line(new String(line, 0, len, StandardCharsets.US_ASCII));
        }
        try {
            return new Line(utf8.reset().decode(ByteBuffer.wrap(line, 0, len)).toString());
        } catch (CharacterCodingException e) {
            return new Malformed();
        }
    }

    /** How many bytes were received but not returned yet. */
    public int buffered() {
        return limit - pos;
    }

    /** Drops everything received but not returned yet: after STARTTLS, pipelined plaintext must not run. */
    public void discardBuffered() {
        pos = limit;
    }

    // The buffer, shared with DataReader so the body is read from the same bytes without losing any.

    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    void position(int newPosition) {
        pos = newPosition;
    }

    /** Refills an empty buffer; false at the end of the stream. */
    boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (limit == buf.length && buf.length < bufferSize) {
            buf = new byte[Math.min(bufferSize, buf.length * 8)];
        }
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
