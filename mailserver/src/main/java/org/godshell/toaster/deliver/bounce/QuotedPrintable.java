package org.godshell.toaster.deliver.bounce;

import java.util.List;

/**
 * The quoted-printable encoding of RFC 2045 §6.7 for text whose line breaks are given as separate lines: each
 * line becomes encoded lines of at most 76 characters joined by soft breaks, and lines are joined by CRLF, the
 * hard line break of a text body. Every byte that is not printable ASCII — NUL, a bare CR, 8-bit bytes — and
 * '=' become {@code =XX}, so the output is 7-bit and can never hold a line ending of its own making.
 */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QuotedPrintable() {
    }

    /** The encoded lines, each followed by CRLF. */
    static String encode(List<byte[]> lines) {
        StringBuilder out = new StringBuilder();
        for (byte[] line : lines) {
            int width = 0;
            for (int i = 0; i < line.length; i++) {
                int b = line[i] & 0xff;
                boolean last = i == line.length - 1;
                // §6.7 rule 3: a space or tab at the end of a line must be encoded, others may stay.
                boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !last;
                int size = literal ? 1 : 3;
                // Room for the soft break's '=' (rule 5), unless this is the last token of the line.
                int room = last ? MAX_LINE : MAX_LINE - 1;
                if (width + size > room) {
                    out.append("=\r\n");
                    width = 0;
                }
                if (literal) {
                    out.append((char) b);
                } else {
                    out.append('=').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                }
                width += size;
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
