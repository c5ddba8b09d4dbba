package org.godshell.toaster.filter.rspamd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 response (RFC 9112) from a connection: status line, header fields, and a body delimited by
 * chunked coding, Content-Length or the end of the connection (§6.3), in that order of precedence. Every part is
 * bounded: a head over {@link #MAX_HEAD} bytes and a body over the caller's limit fail as soon as they show it,
 * before they are read whole.
 */
final class ResponseReader {

    /** Far more than rspamd's few header fields. */
    static final int MAX_HEAD = 16 * 1024;
    /** A chunk size in hex, extensions, CRLF: a few dozen bytes. */
    static final int MAX_CHUNK_LINE = 1024;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.([01]) ([1-9][0-9]{2})(?: (.*))?");
    private static final Pattern CHUNK = Pattern.compile("([0-9A-Fa-f]{1,8})(?:[ \\t]*;.*)?");

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();
    private boolean started;

    ResponseReader(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /** Whether any byte of a response came: after that a failure is the server's, not a stale connection's. */
    boolean started() {
        return started;
    }

    /** Whether bytes came after the response: then the connection is not in a known state and is not kept. */
    boolean leftover() {
        return buffer.hasRemaining();
    }

    HttpResponse read(int maxBody) throws IOException, RspamdFailure {
        while (true) {
            Budget used = new Budget(MAX_HEAD, "the answer's header");
            Matcher status = STATUS.matcher(line(used));
            if (!status.matches()) {
                throw new RspamdFailure("the answer does not start with an HTTP/1.x status line");
            }
            int code = Integer.parseInt(status.group(2));
            Head head = head(used, status.group(1).equals("1"));
            if (code >= 100 && code < 200) {
                continue; // RFC 9110 §15.2: an interim response; the final one follows.
            }
            String reason = RspamdVerdict.printable(status.group(3) == null ? "" : status.group(3), 80);
            if (head.chunked()) {
                return new HttpResponse(code, reason, head.keepAlive(), chunked(maxBody));
            }
            if (head.length() >= 0) {
                return new HttpResponse(code, reason, head.keepAlive(), exactly(head.length(), maxBody));
            }
            return new HttpResponse(code, reason, false, untilClosed(maxBody));
        }
    }

    /** The header fields the body and the connection depend on. */
    private record Head(boolean chunked, long length, boolean keepAlive) {}

    private Head head(Budget used, boolean http11) throws IOException, RspamdFailure {
        boolean chunked = false;
        long length = -1;
        boolean close = !http11;
        for (String field = line(used); !field.isEmpty(); field = line(used)) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new RspamdFailure("a header line of the answer has no field name");
            }
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "transfer-encoding" -> {
                    if (!value.matches("(.*,\\s*)?chunked")) {
                        throw new RspamdFailure("the answer's transfer coding '" + RspamdVerdict.printable(value, 40)
                                + "' is not chunked");
                    }
                    chunked = true;
                }
                case "content-length" -> {
                    long given = value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -2;
                    if (given < 0 || (length >= 0 && length != given)) {
                        throw new RspamdFailure("the answer's Content-Length is not one number");
                    }
                    length = given;
                }
                case "connection" -> {
                    // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
                    for (String option : value.split("\\s*,\\s*")) {
                        close = option.equals("close") || (close && !option.equals("keep-alive"));
                    }
                }
                default -> {
                    // Date, Server, Content-Type...: nothing the toaster needs.
                }
            }
        }
        // Both framings at once is how responses are smuggled (RFC 9112 §6.3): chunked wins, the connection ends.
        return new Head(chunked, length, !close && !(chunked && length >= 0));
    }

    private byte[] chunked(int maxBody) throws IOException, RspamdFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            Budget used = new Budget(MAX_CHUNK_LINE, "a chunk size line");
            Matcher size = CHUNK.matcher(line(used));
            if (!size.matches()) {
                throw new RspamdFailure("a chunk of the answer has no size line");
            }
            long length = Long.parseLong(size.group(1), 16);
            if (length == 0) {
                Budget trailers = new Budget(MAX_HEAD, "the answer's trailer");
                // Trailer fields (RFC 9112 §7.1.2) carry nothing the toaster needs: read up to the empty line.
                String trailer;
                do {
                    trailer = line(trailers);
                } while (!trailer.isEmpty());
                return body.toByteArray();
            }
            if (body.size() + length > maxBody) {
                throw tooLarge(maxBody);
            }
            body.writeBytes(exactly(length, maxBody));
            if (!line(used).isEmpty()) {
                throw new RspamdFailure("a chunk of the answer is longer than its size");
            }
        }
    }

    private byte[] exactly(long length, int maxBody) throws IOException, RspamdFailure {
        if (length > maxBody) {
            throw tooLarge(maxBody);
        }
        byte[] body = new byte[(int) length];
        int at = 0;
        while (at < body.length) {
            if (!fill()) {
                throw new RspamdFailure("the connection closed in the middle of the answer");
            }
            int n = Math.min(buffer.remaining(), body.length - at);
            buffer.get(body, at, n);
            at += n;
        }
        return body;
    }

    private byte[] untilClosed(int maxBody) throws IOException, RspamdFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (fill()) {
            if (body.size() + buffer.remaining() > maxBody) {
                throw tooLarge(maxBody);
            }
            body.write(buffer.array(), buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
        }
        return body.toByteArray();
    }

    /**
     * One line without its CRLF (a bare LF is taken too, RFC 9112 §2.2), as ISO-8859-1, its bytes counted
     * against {@code used}.
     */
    private String line(Budget used) throws IOException, RspamdFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                throw new RspamdFailure(started ? "the connection closed in the middle of the answer"
                        : "the connection closed without an answer");
            }
            byte b = buffer.get();
            used.spend();
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Reads more when the buffer is empty; false at the end of the connection. */
    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        int n = channel.read(buffer);
        buffer.flip();
        if (n > 0) {
            started = true;
        }
        return n > 0;
    }

    /** How many more bytes a part of the answer read line by line may take. */
    private static final class Budget {
        private final int limit;
        private final String what;
        private int left;

        Budget(int limit, String what) {
            this.limit = limit;
            this.what = what;
            this.left = limit;
        }

        void spend() throws RspamdFailure {
            if (--left < 0) {
                throw new RspamdFailure(what + " is longer than " + limit + " bytes");
            }
        }
    }

    private static RspamdFailure tooLarge(int maxBody) {
        return new RspamdFailure("the answer is larger than " + maxBody + " bytes");
    }
}
