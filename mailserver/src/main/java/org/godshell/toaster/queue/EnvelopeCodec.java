package org.godshell.toaster.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The envelope as it sits at the head of a queue file: one value per line, a one-letter tag first, an empty
 * line last (qmail's "don't parse" spirit: nothing to quote, nothing to nest).
 *
 * <pre>
 * V1            format version
 * F&lt;sender&gt;     once; empty value = null reverse path
 * T&lt;recipient&gt;  once per recipient, in order
 * H&lt;helo&gt;       once
 * C&lt;client&gt;     once
 * A&lt;user&gt;       at most once; absent = not authenticated
 * R&lt;instant&gt;    once, ISO-8601 UTC
 * B8BITMIME     at most once; absent = BODY=7BIT (RFC 6152)
 * U             at most once, no value; absent = not SMTPUTF8 (RFC 6531)
 * M&lt;size&gt;       at most once, last: the message as received is this many bytes (19 decimal digits), the
 *               header edits follow them ({@link EditsCodec}); absent = no edits, the message runs to the end
 * (empty line)  the message bytes follow
 * </pre>
 *
 * Values are UTF-8 with {@code %}, every C0 control (CR, LF, NUL, …) and DEL written as {@code %XX}, so a
 * hostile value can neither end its line nor forge another one, and reads back exactly. The {@code M} line is
 * written at {@code begin()} with a placeholder of the same width and patched in place at the commit, before
 * the fsync, once the size is known: fixed width is what lets the patch leave every other byte where it is.
 */
final class EnvelopeCodec {

    static final String VERSION = "V1";
    private static final String EIGHT_BIT_MIME = "8BITMIME";
    /** Wide enough for any {@code long}. */
    private static final int SIZE_DIGITS = 19;
    /** From the end of the head: the size's digits, the {@code M} line's newline, the empty line. */
    static final int SIZE_FIELD_FROM_END = SIZE_DIGITS + 2;
    /** No real envelope line comes near this; a longer one means the file is not ours. */
    private static final int MAX_LINE = 1 << 20;

    private EnvelopeCodec() {
    }

    /**
     * The envelope plus how many bytes of the file it took, i.e. where the message starts.
     *
     * @param receivedSize the size of the message as received, from the {@code M} line; empty in a file
     *                     written before header edits existed, whose message runs to the end of the file
     */
    record Decoded(Envelope envelope, long length, OptionalLong receivedSize) {
    }

    /**
     * Encodes {@code envelope}, including the closing empty line and an {@code M} line whose digits are a
     * placeholder until {@link #sizeField} patches them, {@link #SIZE_FIELD_FROM_END} bytes before the end.
     *
     * @throws IllegalArgumentException if a value is not valid Unicode (an unpaired surrogate cannot be
     *                                  stored as UTF-8 and read back identically)
     */
    static byte[] encode(Envelope envelope) {
        StringBuilder out = new StringBuilder(256);
        out.append(VERSION).append('\n');
        line(out, 'F', envelope.sender());
        for (String recipient : envelope.recipients()) {
            line(out, 'T', recipient);
        }
        line(out, 'H', envelope.heloHost());
        line(out, 'C', envelope.clientAddress());
        if (envelope.authenticatedUser() != null) {
            line(out, 'A', envelope.authenticatedUser());
        }
        line(out, 'R', envelope.received().toString());
        if (envelope.eightBitMime()) {
            line(out, 'B', EIGHT_BIT_MIME);
        }
        if (envelope.smtputf8()) {
            line(out, 'U', "");
        }
        // A placeholder that the reader refuses, should a temp file ever be read as a message.
        out.append('M').append("-".repeat(SIZE_DIGITS)).append('\n');
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The digits that replace the {@code M} placeholder: {@code size}, zero-padded to the fixed width. */
    static byte[] sizeField(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        // Digits written from the right, not String.format (a formatter parsed its pattern for every message);
        // 19 digits hold every long.
        byte[] digits = new byte[SIZE_DIGITS];
        long rest = size;
        for (int i = SIZE_DIGITS - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return digits;
    }

    private static void line(StringBuilder out, char tag, String value) {
        out.append(tag);
        try {
            LineEscape.append(out, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("envelope value is not valid Unicode (tag " + tag + ")", e);
        }
        out.append('\n');
    }

    /** Reads an envelope from the head of a queue file; {@code in} is left at the first message byte. */
    static Decoded decode(InputStream in, String file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        long consumed = 0;
        String sender = null;
        List<String> recipients = new ArrayList<>();
        String helo = null;
        String client = null;
        String user = null;
        Instant received = null;
        String body = null;
        String smtputf8 = null;
        String size = null;
        boolean first = true;
        while (true) {
            buf.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0 || buf.size() >= MAX_LINE) {
                    throw corrupt(file, b < 0 ? "envelope ends early" : "envelope line too long");
                }
                buf.write(b);
            }
            consumed += buf.size() + 1;
            String line = buf.toString(StandardCharsets.UTF_8);
            if (first) {
                if (!line.equals(VERSION)) {
                    throw corrupt(file, "unknown format, first line is not " + VERSION);
                }
                first = false;
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            if (size != null) {
                throw corrupt(file, "envelope line after the M line");
            }
            String value = unescape(line, file);
            switch (line.charAt(0)) {
                case 'F' -> sender = once(sender, value, file, 'F');
                case 'T' -> recipients.add(value);
                case 'H' -> helo = once(helo, value, file, 'H');
                case 'C' -> client = once(client, value, file, 'C');
                case 'A' -> user = once(user, value, file, 'A');
                case 'R' -> received = instant(value, received, file);
                case 'B' -> body = once(body, value, file, 'B');
                case 'U' -> smtputf8 = once(smtputf8, value, file, 'U');
                case 'M' -> size = value;
                default -> throw corrupt(file, "unknown envelope tag " + line.charAt(0));
            }
        }
        if (sender == null || recipients.isEmpty() || helo == null || client == null || received == null) {
            throw corrupt(file, "envelope lacks a required line (F, T, H, C or R)");
        }
        // Files written before B and U existed lack both: 7-bit, not SMTPUTF8, as they were delivered then.
        if (body != null && !body.equals(EIGHT_BIT_MIME) || smtputf8 != null && !smtputf8.isEmpty()) {
            throw corrupt(file, "bad B or U line in envelope");
        }
        return new Decoded(new Envelope(sender, recipients, helo, client, user, received, body != null,
                smtputf8 != null), consumed, size == null ? OptionalLong.empty() : OptionalLong.of(size(size, file)));
    }

    private static long size(String digits, String file) throws IOException {
        if (digits.length() != SIZE_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw corrupt(file, "bad M line in envelope");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw corrupt(file, "M line over the largest size");
        }
    }

    private static String once(String previous, String value, String file, char tag) throws IOException {
        if (previous != null) {
            throw corrupt(file, "envelope tag " + tag + " repeated");
        }
        return value;
    }

    private static Instant instant(String value, Instant previous, String file) throws IOException {
        if (previous != null) {
            throw corrupt(file, "envelope tag R repeated");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw corrupt(file, "bad received time " + value);
        }
    }

    /** Undoes {@code %XX}; the tag at index 0 is skipped. */
    private static String unescape(String line, String file) throws IOException {
        try {
            return LineEscape.unescape(line, 1);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "bad %-escape in envelope");
        }
    }

    private static IOException corrupt(String file, String why) {
        return new IOException("corrupt queue file " + file + ": " + why);
    }
}
