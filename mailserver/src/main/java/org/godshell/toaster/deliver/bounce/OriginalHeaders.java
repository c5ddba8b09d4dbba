package org.godshell.toaster.deliver.bounce;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header section of the original message, as much of it as a notice returns: whole header fields (a line
 * and its continuation lines, RFC 5322 §2.2.3) up to {@link #CAP} bytes, never a field cut in half, never a
 * byte of the body.
 *
 * <p>Reading is bounded: at most {@code CAP} bytes plus one line's worth are consumed, however long the header
 * section is or whether it ends at all. Lines end at LF (a preceding CR is dropped), so a message with bare-LF
 * lines is read as its author meant; other bytes, including bare CR, NUL and 8-bit bytes, are kept as they are
 * and left to the encoder of the headers part.
 *
 * @param fields the kept fields, each a list of lines without line endings
 * @param cut    true when fields were left out because the section was longer than {@code CAP}
 */
record OriginalHeaders(List<List<byte[]>> fields, boolean cut) {

    /** The most header bytes (counting CRLF per line) returned; RFC 3462 asks for the headers, not a limit. */
    static final int CAP = 64 * 1024;

    OriginalHeaders {
        fields = List.copyOf(fields);
    }

    /** Reads the header section from {@code message}; does not close it. */
    static OriginalHeaders read(InputStream message) throws IOException {
        InputStream in = new BufferedInputStream(message, 8192);
        List<List<byte[]>> kept = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int used = 0; // bytes of the fields in kept, CRLF counted
        int currentSize = 0;
        while (true) {
            Line line = readLine(in, CAP - used - currentSize - 2);
            if (line == null || !line.tooLong() && line.bytes().length == 0) {
                // End of message (a message that is all headers) or the empty line ending the section (§2.1).
                if (!current.isEmpty()) {
                    kept.add(current);
                }
                return new OriginalHeaders(kept, false);
            }
            boolean continuation = line.bytes()[0] == ' ' || line.bytes()[0] == '\t';
            if (!continuation && !current.isEmpty()) {
                kept.add(current);
                used += currentSize;
                current = new ArrayList<>();
                currentSize = 0;
            }
            if (line.tooLong()) {
                // The field this line starts or continues does not fit: it and all after it stay out.
                return new OriginalHeaders(kept, true);
            }
            current.add(line.bytes());
            currentSize += line.bytes().length + 2;
        }
    }

    /**
     * A line without its line ending; when {@code tooLong}, only the bytes read before the limit was passed
     * (at least one, enough to tell a continuation line).
     */
    private record Line(byte[] bytes, boolean tooLong) {
    }

    /**
     * The next line without its LF (and without a CR right before it), {@code null} at the end of the stream;
     * a line longer than {@code limit} bytes is returned as too long as soon as that is known: never reads
     * further.
     */
    private static Line readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            // + 1: room for a CR that the LF will show to be a line ending; > 0: keep the first byte to look at
            if (line.size() > limit + 1 && line.size() > 0) {
                return new Line(line.toByteArray(), true);
            }
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Line(bytes, bytes.length > 0 && bytes.length > limit);
    }

    /** The unfolded value of the first field called {@code name} (any case), bytes as ISO-8859-1. */
    Optional<String> field(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (List<byte[]> field : fields) {
            String first = new String(field.get(0), StandardCharsets.ISO_8859_1);
            if (first.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                StringBuilder value = new StringBuilder(first.substring(prefix.length()));
                for (int i = 1; i < field.size(); i++) {
                    value.append(new String(field.get(i), StandardCharsets.ISO_8859_1));
                }
                return Optional.of(value.toString().strip());
            }
        }
        return Optional.empty();
    }

    /** The kept fields as lines ending in CRLF. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<byte[]> field : fields) {
            for (byte[] line : field) {
                out.writeBytes(line);
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
