package org.godshell.toaster.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header edits as they sit after the message bytes in a queue file, one per line, as the envelope:
 *
 * <pre>
 * +&lt;field&gt;        a header field to add on top, in order, escaped as envelope values (its folding CRLFs
 *                  and TABs as %0D%0A and %09)
 * -&lt;start&gt; &lt;end&gt;  a range of the received message to leave out, decimal offsets from its first byte
 * J                local delivery puts the message in the Junk folder ({@link Folder#JUNK}); at most once
 * .                the end of the edits, and of the file
 * </pre>
 *
 * The closing {@code .} makes a trailer cut at a line boundary detectable. The reader is strict: whatever is
 * not exactly this is reported as {@code corrupt queue file <path>: <why>}.
 */
final class EditsCodec {

    /** No trailer this queue writes comes near: 64 KiB of fields escaped, ranges within a capped header block. */
    static final int MAX_TRAILER = 8 << 20;
    private static final int MAX_DIGITS = 18;

    private EditsCodec() {
    }

    static byte[] encode(List<String> added, List<MessageLayout.Range> dropped, Folder folder) {
        StringBuilder out = new StringBuilder(64);
        for (String field : added) {
            out.append('+');
            LineEscape.append(out, field);
            out.append('\n');
        }
        for (MessageLayout.Range range : dropped) {
            out.append('-').append(range.start()).append(' ').append(range.end()).append('\n');
        }
        if (folder == Folder.JUNK) {
            out.append("J\n");
        }
        out.append(".\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a trailer back into the layout of a message of {@code receivedSize} bytes at {@code bodyOffset}. */
    static MessageLayout decode(byte[] trailer, long bodyOffset, long receivedSize, String file) throws IOException {
        List<String> added = new ArrayList<>();
        List<MessageLayout.Range> dropped = new ArrayList<>();
        long addedOctets = 0;
        Folder folder = Folder.INBOX;
        int at = 0;
        boolean ended = false;
        while (at < trailer.length) {
            if (ended) {
                throw corrupt(file, "bytes after the end of the header edits");
            }
            int newline = indexOf(trailer, at);
            if (newline < 0) {
                throw corrupt(file, "the header edits end in the middle of a line");
            }
            String line = new String(trailer, at, newline - at, StandardCharsets.UTF_8);
            at = newline + 1;
            if (line.isEmpty()) {
                throw corrupt(file, "an empty line in the header edits");
            }
            switch (line.charAt(0)) {
                case '+' -> {
                    String field = field(line, file);
                    added.add(field);
                    addedOctets += field.getBytes(StandardCharsets.UTF_8).length + 2;
                }
                case '-' -> dropped.add(range(line, file));
                case 'J' -> {
                    if (line.length() != 1 || folder == Folder.JUNK) {
                        throw badLine(file, line);
                    }
                    folder = Folder.JUNK;
                }
                case '.' -> {
                    if (line.length() != 1) {
                        throw badLine(file, line);
                    }
                    ended = true;
                }
                default -> throw corrupt(file, "unknown header edit tag " + line.charAt(0));
            }
        }
        if (!ended) {
            throw corrupt(file, "the header edits lack their closing line");
        }
        if (addedOctets > HeaderEdits.MAX_ADDED_OCTETS) {
            throw corrupt(file, "the added header fields are over " + HeaderEdits.MAX_ADDED_OCTETS + " octets");
        }
        try {
            return new MessageLayout(bodyOffset, receivedSize, added, dropped, folder);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static String field(String line, String file) throws IOException {
        String field;
        try {
            field = LineEscape.unescape(line, 1);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "bad %-escape in an added header field");
        }
        try {
            FieldSyntax.check(field);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
        return field;
    }

    private static MessageLayout.Range range(String line, String file) throws IOException {
        int space = line.indexOf(' ');
        if (space < 0) {
            throw badLine(file, line);
        }
        long start = number(line.substring(1, space), file, line);
        long end = number(line.substring(space + 1), file, line);
        try {
            return new MessageLayout.Range(start, end);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static long number(String digits, String file, String line) throws IOException {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badLine(file, line);
        }
        return Long.parseLong(digits);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static IOException badLine(String file, String line) {
        return corrupt(file, "bad header edit line " + line.charAt(0) + "…");
    }

    private static IOException corrupt(String file, String why) {
        return new IOException("corrupt queue file " + file + ": " + why);
    }
}
