package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Maildir message as POP3 sends it. Maildir files end lines with LF (qmail's and Dovecot's deliverers write
 * them so), POP3 with CRLF (RFC 1939 §3): every LF not already after a CR goes out as CRLF, a last line without
 * an ending gets one, and a line that starts with a dot gets another in front (byte-stuffing). A CR that is not
 * before an LF is sent as it is.
 *
 * <p>{@link #size} is what LIST, STAT and RETR announce: the octets of the CRLF form, without the stuffing
 * dots and the final ".", as Dovecot counts them (RFC 1939 §11 allows the stuffing to be left out).
 */
final class MessageText {

    /** RETR: the whole message. */
    static final long WHOLE = -1;

    private MessageText() {}

    /** The size in octets of the message in CRLF form, read from {@code in} to its end. */
    static long size(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        boolean afterCr = false;
        boolean lineOpen = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                size++;
                if (b == '\n') {
                    if (!afterCr) {
                        size++;                                         // the CR put before a bare LF
                    }
                    lineOpen = false;
                } else {
                    lineOpen = true;
                }
                afterCr = b == '\r';
            }
        }
        return lineOpen ? size + 2 : size;                              // CRLF after an unterminated last line
    }

    /**
     * Writes the message from {@code in} to {@code out} in CRLF form, byte-stuffed, followed by the terminating
     * ".". {@code bodyLines}: {@link #WHOLE}, or for TOP the header, the empty line and that many body lines.
     */
    static void write(InputStream in, OutputStream out, long bodyLines) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        boolean lineStart = true;
        boolean lineEmpty = true;
        boolean pendingCr = false;
        boolean inBody = false;
        long sent = 0;
        int n;
        reading:
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (lineStart) {
                    if (inBody && bodyLines != WHOLE && sent >= bodyLines) {
                        break reading;
                    }
                    if (b == '.') {
                        out.write('.');
                    }
                    lineStart = false;
                    lineEmpty = true;
                }
                if (b == '\n') {
                    out.write('\r');
                    out.write('\n');
                    pendingCr = false;
                    if (inBody) {
                        sent++;
                    } else if (lineEmpty) {
                        inBody = true;                                  // RFC 5322 §2.1: end of the header
                    }
                    lineStart = true;
                    continue;
                }
                if (pendingCr) {
                    out.write('\r');                                    // a CR not before an LF is content
                    lineEmpty = false;
                }
                pendingCr = b == '\r';
                if (!pendingCr) {
                    out.write(b);
                    lineEmpty = false;
                }
            }
        }
        if (pendingCr) {
            out.write('\r');
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
    }
}
