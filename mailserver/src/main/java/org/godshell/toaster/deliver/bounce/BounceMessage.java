package org.godshell.toaster.deliver.bounce;

import java.util.Arrays;
import java.util.Objects;
import org.godshell.toaster.deliver.MailFlags;

/**
 * A notice ready to queue: envelope and bytes.
 *
 * @param envelopeSender always {@code ""}, the null reverse path: a notice must never cause another notice
 *                       (RFC 5321 §4.5.5, RFC 3464 §2)
 * @param recipient      the one envelope recipient: the original's sender, or the postmaster for a double bounce
 * @param content        the whole message, header section and body, CRLF line endings, every line at most 998
 *                       octets; US-ASCII except the {@code To:} field when the recipient's address is non-ASCII
 *                       (RFC 6532 §3.2, which the recipient's own SMTPUTF8 server needs anyway)
 */
public record BounceMessage(String envelopeSender, String recipient, byte[] content) {

    public BounceMessage {
        Objects.requireNonNull(envelopeSender, "envelopeSender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(content, "content");
        if (!envelopeSender.isEmpty()) {
            throw new IllegalArgumentException("a notice is always sent from the null reverse path");
        }
        content = content.clone();
    }

    /** A copy of the bytes: the record stays immutable. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Equal when envelope and bytes are equal (a record compares arrays by identity otherwise). */
    @Override
    public boolean equals(Object other) {
        return other instanceof BounceMessage that && envelopeSender.equals(that.envelopeSender)
                && recipient.equals(that.recipient) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelopeSender, recipient, Arrays.hashCode(content));
    }

    /** The envelope and the size: the bytes would flood a log line. */
    @Override
    public String toString() {
        return "BounceMessage[<" + envelopeSender + "> to <" + recipient + ">, " + content.length + " bytes]";
    }

    /**
     * What the content needs from the hops it crosses: SMTPUTF8 for a non-ASCII {@code To:}; never 8BITMIME while
     * the body stays 7-bit, as {@link DsnWriter} writes it.
     */
    public MailFlags flags() {
        return MailFlags.of(content);
    }
}
