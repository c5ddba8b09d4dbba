package org.godshell.toaster.smtpd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.smtp.Mailbox;

/** One mail transaction (RFC 5321 §3.3): what MAIL said, and the recipients accepted so far. */
final class Transaction {

    private final Optional<Mailbox> sender;
    private final boolean senderIsBad;
    private final boolean smtputf8;
    private final boolean eightBitMime;
    private final long startedNanos = System.nanoTime();
    private final List<Mailbox> recipients = new ArrayList<>();
    private int rcptCommands;

    /**
     * @param sender empty for the null reverse path {@code <>}
     * @param senderIsBad the sender is in badmailfrom; as qmail-smtpd does, it is refused at RCPT, so that the
     *     recipient is logged too
     * @param eightBitMime MAIL said {@code BODY=8BITMIME} (RFC 6152)
     */
    Transaction(Optional<Mailbox> sender, boolean senderIsBad, boolean smtputf8, boolean eightBitMime) {
        this.sender = sender;
        this.senderIsBad = senderIsBad;
        this.smtputf8 = smtputf8;
        this.eightBitMime = eightBitMime;
    }

    /** The sender as the envelope and the log write it: the address, or "" for {@code <>}. */
    String senderAddress() {
        return sender.map(Mailbox::toString).orElse("");
    }

    boolean senderIsBad() {
        return senderIsBad;
    }

    boolean smtputf8() {
        return smtputf8;
    }

    boolean eightBitMime() {
        return eightBitMime;
    }

    /** Counts a RCPT command, accepted or not: qmail-spp's SMTPRCPTCOUNTALL. */
    int countRcptCommand() {
        return ++rcptCommands;
    }

    void accept(Mailbox recipient) {
        recipients.add(recipient);
    }

    List<Mailbox> recipients() {
        return List.copyOf(recipients);
    }

    int recipientCount() {
        return recipients.size();
    }

    /** Milliseconds since MAIL, for the transaction log and the benchmark's percentiles. */
    double elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
