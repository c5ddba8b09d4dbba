package org.godshell.toaster.smtpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.smtp.Reply;

/**
 * Reads one SMTP reply (RFC 5321 §4.2): lines {@code NNN-text} then a last line {@code NNN text} (or just
 * {@code NNN}), each ended by CRLF, all with the same code. Strict and bounded: a line longer than
 * {@link #MAX_LINE} octets, a reply of more than {@link #MAX_LINES} lines, a bare CR or LF, a NUL, a code
 * outside 200..599 or a change of code between lines is a {@link ProtocolException}, never a guess.
 *
 * <p>RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; real servers send longer texts now and then, so we
 * take up to 1000 (the text-line limit) and refuse anything beyond: a reply is for people and logs, not bulk.
 *
 * <p>The enhanced status code (RFC 2034 §4, RFC 3463) is taken from the first line when its class matches the
 * reply code, and removed from the front of every line that carries it; text is UTF-8, undecodable bytes become
 * U+FFFD and other control characters a space, so the text is safe for logs and bounce messages.
 */
public final class ReplyReader {

    public static final int MAX_LINE = 1000;
    public static final int MAX_LINES = 100;

    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$)");

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    /** {@code in} should be buffered: the reader asks for one byte at a time. */
    public ReplyReader(InputStream in) {
        this.in = in;
    }

    public Reply read() throws IOException {
        int code = -1;
        List<String> texts = new ArrayList<>();
        while (true) {
            if (texts.size() == MAX_LINES) {
                throw new ProtocolException("reply has more than " + MAX_LINES + " lines");
            }
            int length = readLine();
            if (length < 3 || !digit(line[0], '2', '5') || !digit(line[1], '0', '9') || !digit(line[2], '0', '9')) {
                throw new ProtocolException("reply line does not start with a code: " + preview(length));
            }
            int lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (code >= 0 && lineCode != code) {
                throw new ProtocolException("reply changes its code from " + code + " to " + lineCode);
            }
            code = lineCode;
            boolean last = length == 3 || line[3] == ' ';
            if (!last && line[3] != '-') {
                throw new ProtocolException("reply line has neither space nor hyphen after the code: "
                        + preview(length));
            }
            texts.add(length <= 4 ? "" : text(4, length));
            if (last) {
                return reply(code, texts);
            }
        }
    }

    private static Reply reply(int code, List<String> texts) {
        Matcher m = ENHANCED.matcher(texts.get(0));
        String enhanced = m.lookingAt() && m.group(1).charAt(0) - '0' == code / 100 ? m.group(1) : null;
        if (enhanced == null) {
            return new Reply(code, null, texts);
        }
        List<String> stripped = new ArrayList<>(texts.size());
        for (String text : texts) {
            Matcher each = ENHANCED.matcher(text);
            stripped.add(each.lookingAt() && each.group(1).equals(enhanced) ? text.substring(each.end()) : text);
        }
        return new Reply(code, enhanced, stripped);
    }

    /** One line into {@link #line}, without its CRLF; returns its length. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(length == 0 ? "connection closed by the server"
                        : "connection closed by the server in the middle of a reply line");
            }
            if (c == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return length;
                }
                throw new ProtocolException("reply line has a CR without LF: " + preview(length));
            }
            if (c == '\n') {
                throw new ProtocolException("reply line ends in a bare LF: " + preview(length));
            }
            if (c == 0) {
                throw new ProtocolException("reply line contains a NUL byte: " + preview(length));
            }
            if (length == MAX_LINE - 2) {
                throw new ProtocolException("reply line longer than " + MAX_LINE + " octets: " + preview(length));
            }
            line[length++] = (byte) c;
        }
    }

    private static boolean digit(byte b, char low, char high) {
        return b >= low && b <= high;
    }

    private String text(int from, int to) {
        String decoded = new String(line, from, to - from, StandardCharsets.UTF_8);
        StringBuilder clean = new StringBuilder(decoded.length());
        decoded.codePoints().forEach(c -> clean.appendCodePoint(c < 0x20 || c == 0x7f ? ' ' : c));
        return clean.toString();
    }

    /** The start of a bad line, printable, for the error text. */
    private String preview(int length) {
        String text = text(0, Math.min(length, 60));
        return "\"" + text + (length > 60 ? "..." : "") + "\"";
    }
}
