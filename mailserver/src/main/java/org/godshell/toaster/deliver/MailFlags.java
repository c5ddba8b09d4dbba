package org.godshell.toaster.deliver;

import java.util.List;
import org.godshell.toaster.queue.Envelope;

/**
 * What a message queued by delivery itself declares about its bytes, written to its envelope as the
 * {@code B8BITMIME} and {@code U} lines (queue.md) and passed on at the next hop.
 *
 * @param eightBitMime the body may hold 8-bit bytes: {@code BODY=8BITMIME} (RFC 6152 §3)
 * @param smtputf8     addresses or header fields may be UTF-8: an SMTPUTF8 transaction (RFC 6531 §3.4, RFC 6532 §3)
 */
public record MailFlags(boolean eightBitMime, boolean smtputf8) {

    /** ASCII headers and addresses, 7-bit body. */
    public static final MailFlags SEVEN_BIT = new MailFlags(false, false);

    /** The flags the queue kept for a message: a copy of its bytes declares what they did. */
    public static MailFlags of(Envelope envelope) {
        return new MailFlags(envelope.eightBitMime(), envelope.smtputf8());
    }

    /**
     * What a whole message needs, read from its bytes: an 8-bit byte in the header section (up to the first empty
     * line) makes it SMTPUTF8 (RFC 6532 §3.2), one in the body makes it 8BITMIME. A line ends at LF and a CR
     * right before it is part of the ending, as {@code bounce.OriginalHeaders} reads them: an empty line is LF or
     * CR LF; a message without one is all header section.
     */
    public static MailFlags of(byte[] message) {
        boolean header = false;
        boolean body = false;
        boolean inHeader = true;
        int lineLength = 0;
        byte previous = 0;
        for (byte b : message) {
            if (!inHeader) {
                body |= b < 0;
            } else if (b == '\n') {
                inHeader = lineLength > 1 || lineLength == 1 && previous != '\r';
                lineLength = 0;
            } else {
                lineLength++;
                header |= b < 0;
            }
            previous = b;
        }
        return new MailFlags(body, header);
    }

    /** These flags, with SMTPUTF8 when the envelope or the header lines a copy adds are not ASCII (RFC 6531 §3.4). */
    MailFlags withAddresses(String sender, List<String> recipients, String addedHead) {
        boolean utf8 = !ascii(sender) || !ascii(addedHead) || !recipients.stream().allMatch(MailFlags::ascii);
        return new MailFlags(eightBitMime, smtputf8 || utf8);
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
