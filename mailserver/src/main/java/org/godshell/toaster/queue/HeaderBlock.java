package org.godshell.toaster.queue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header block of a message as received, indexed: where each field starts and ends, its name, its text.
 * This is the one numbering of header fields that {@link HeaderEdits#dropped()} refers to, so a checker that
 * indexes {@link Intake#received()} with it and the commit that drops by position agree.
 *
 * <p>A field is a line that does not start with SP or HTAB, with the lines that do following it (folding, RFC
 * 5322 §2.2.3); its range runs from its first byte to just after its last line break. The block ends at the
 * first empty line (RFC 5322 §2.1) or at the end of the message (a message without a body). A line ends at LF,
 * with or without CR before it: the SMTP server refuses bare LF, and the index must not be fooled if one
 * slipped through. A field line without a valid name and colon is still numbered, with the name {@code ""}: the
 * numbering never skips what a reader of the message would see.
 *
 * <p>Reading stops after {@value #MAX_BYTES} bytes: a message without a body separator cannot make it scan
 * gigabytes, and the block held in memory stays small. Fields not known to have ended by then are left out and
 * {@link #complete()} is false; a checker should refuse such a message rather than judge half its header.
 */
public final class HeaderBlock {

    /** The most of a header block that is read; over it the block is incomplete. */
    public static final int MAX_BYTES = 256 * 1024;

    /**
     * One header field.
     *
     * @param index its position among the fields, from 0
     * @param name  its name as written, without white space before the colon; {@code ""} if the line does not
     *              start with a valid field name and a colon
     * @param start offset of its first byte in the message
     * @param end   offset just after its last byte (its final line break included, if it has one)
     */
    public record Field(int index, String name, long start, long end) {
    }

    private final byte[] bytes;
    private final List<Field> fields;
    private final boolean complete;

    /** {@code bounds} holds start and end of each field in turn; the block is cut after the last field. */
    private HeaderBlock(byte[] read, List<Integer> bounds, boolean complete) {
        int length = bounds.isEmpty() ? 0 : bounds.getLast();
        this.bytes = read.length == length ? read : Arrays.copyOf(read, length);
        List<Field> found = new ArrayList<>(bounds.size() / 2);
        for (int i = 0; i < bounds.size(); i += 2) {
            int start = bounds.get(i);
            int end = bounds.get(i + 1);
            found.add(new Field(i / 2, name(bytes, start, end), start, end));
        }
        this.fields = List.copyOf(found);
        this.complete = complete;
    }

    /** Indexes the header block at the start of {@code message}; reads ahead of it, at most a little past the cap. */
    public static HeaderBlock read(InputStream message) throws IOException {
        InputStream in = new BufferedInputStream(message, 8192);
        ByteArrayOutputStream block = new ByteArrayOutputStream(4096);
        List<Integer> bounds = new ArrayList<>();
        int fieldStart = -1;
        int pos = 0;
        boolean lineStart = true;
        boolean crAtLineStart = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                // The end of the message ends the block: the field being read is complete, even without CRLF.
                if (crAtLineStart) {
                    fieldStart = pos - 1;
                }
                if (fieldStart >= 0) {
                    bounds.add(fieldStart);
                    bounds.add(pos);
                }
                return new HeaderBlock(block.toByteArray(), bounds, true);
            }
            if (pos == MAX_BYTES) {
                return new HeaderBlock(block.toByteArray(), bounds, false);
            }
            block.write(b);
            if (crAtLineStart) {
                crAtLineStart = false;
                if (b == '\n') {
                    return new HeaderBlock(block.toByteArray(), bounds, true);
                }
                fieldStart = pos - 1;
            } else if (lineStart && (b != ' ' && b != '\t' || fieldStart < 0)) {
                if (fieldStart >= 0) {
                    bounds.add(fieldStart);
                    bounds.add(pos);
                    fieldStart = -1;
                }
                if (b == '\n') {
                    return new HeaderBlock(block.toByteArray(), bounds, true);
                }
                if (b == '\r') {
                    crAtLineStart = true;
                } else {
                    fieldStart = pos;
                }
            }
            lineStart = b == '\n';
            pos++;
        }
    }

    /** The field name: printable US-ASCII but colon, then optional white space (obsolete, RFC 5322 §4.5), then a colon. */
    private static String name(byte[] all, int start, int end) {
        int i = start;
        while (i < end && all[i] > 32 && all[i] < 127 && all[i] != ':') {
            i++;
        }
        int nameEnd = i;
        while (i < end && (all[i] == ' ' || all[i] == '\t')) {
            i++;
        }
        if (nameEnd == start || i == end || all[i] != ':') {
            return "";
        }
        return new String(all, start, nameEnd - start, StandardCharsets.US_ASCII);
    }

    /** The fields in order; a field's {@code index} is its position here. */
    public List<Field> fields() {
        return fields;
    }

    /** True if the block ended (empty line or end of message) within {@value #MAX_BYTES} bytes. */
    public boolean complete() {
        return complete;
    }

    /** The field's bytes exactly as received, folding and final line break included. */
    public byte[] raw(Field field) {
        return Arrays.copyOfRange(bytes, (int) field.start(), (int) field.end());
    }

    /**
     * What follows the first colon, unfolded (a line break before SP or HTAB removed, RFC 5322 §2.2.3) and
     * without the final line break, as UTF-8 (RFC 6532; malformed bytes read as U+FFFD); {@code ""} for a field
     * without a name.
     */
    public String value(Field field) {
        if (field.name().isEmpty()) {
            return "";
        }
        int from = (int) field.start();
        while (bytes[from] != ':') {
            from++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (field.end() - from));
        for (int i = from + 1; i < field.end(); i++) {
            byte b = bytes[i];
            if (b == '\r' && i + 1 < field.end() && bytes[i + 1] == '\n' || b == '\n') {
                continue;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
