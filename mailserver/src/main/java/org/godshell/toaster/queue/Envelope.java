package org.godshell.toaster.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who sent a message to whom, as the SMTP session learnt it before {@code DATA}. Every value except
 * {@code received} came from the client, so the queue stores it escaped (see {@code queue.md}) and reads it back
 * exactly; consumers must still validate before putting a value into another grammar.
 *
 * @param sender            the reverse path without angle brackets; {@code ""} is the null reverse path
 *                          ({@code MAIL FROM:<>}, bounces)
 * @param recipients        forward paths, at least one, in {@code RCPT} order
 * @param heloHost          the argument of {@code HELO}/{@code EHLO}
 * @param clientAddress     the client's IP address as text
 * @param authenticatedUser the {@code AUTH} identity, or {@code null} for an unauthenticated session
 * @param received          when the server accepted the message
 * @param eightBitMime      the client declared {@code BODY=8BITMIME} (RFC 6152 §3), or the body of mail that
 *                          delivery queues itself is 8-bit; the next hop is told too
 * @param smtputf8          the client asked for an SMTPUTF8 transaction (RFC 6531 §3.4), or mail that delivery
 *                          queues itself has UTF-8 addresses or headers; the next hop is asked for SMTPUTF8 too
 */
public record Envelope(String sender, List<String> recipients, String heloHost, String clientAddress,
        String authenticatedUser, Instant received, boolean eightBitMime, boolean smtputf8) {

    /** A 7-bit message without SMTPUTF8, as a queue file without the B and U lines reads. */
    public Envelope(String sender, List<String> recipients, String heloHost, String clientAddress,
            String authenticatedUser, Instant received) {
        this(sender, recipients, heloHost, clientAddress, authenticatedUser, received, false, false);
    }

    public Envelope {
        Objects.requireNonNull(sender, "sender (use \"\" for the null reverse path)");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            // RFC 5321 §3.3: DATA needs at least one accepted RCPT; a message for nobody is a caller bug.
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        Objects.requireNonNull(heloHost, "heloHost");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(received, "received");
    }
}
