package org.godshell.toaster.smtpd;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Our trace header (RFC 5321 §4.4), prepended to every message:
 *
 * <pre>
 * Received: from HELO ([IP])
 *         by ME (Godshell Toaster) with ESMTP id SESSION.N
 *         for &lt;RCPT&gt;; DATE           (with several recipients: "id SESSION.N;" then DATE)
 * </pre>
 *
 * "with" follows RFC 3848 and RFC 6531 §3.7.3 (SMTP, ESMTP, UTF8SMTP); "for" names the recipient only when
 * there is one, so that a message to many does not tell each who else got it. The HELO name and the recipient
 * are the client's words: they go in through {@link #safeHost} and {@link #safeAddress} only.
 */
final class ReceivedHeader {

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The last date written and its second: a date has no finer unit, and most seconds have many messages. */
    private record Dated(long second, String text) {
    }

    private static volatile Dated lastDate = new Dated(Long.MIN_VALUE, "");

    private ReceivedHeader() {}

    /** {@code when} as RFC 5322 §3.3 writes it, in UTC; formatted once a second, not once a message. */
    static String date(Instant when) {
        Dated last = lastDate;
        if (last.second() == when.getEpochSecond()) {
            return last.text();
        }
        Dated now = new Dated(when.getEpochSecond(), RFC5322_DATE.format(when));
        lastDate = now;
        return now.text();
    }

    static String format(SessionContext session, Transaction transaction, Instant when) {
        String helo = session.heloHost().isEmpty() ? "unknown" : safeHost(session.heloHost());
        // RFC 3848 §2 / RFC 6531 §3.7.3: an S when TLS protects the session; the TLS version and cipher as a comment.
        String tls = (session.tlsInfo().isPresent() ? "S" : "") + (session.authenticatedUser().isPresent() ? "A" : "");
        String protocol = (transaction.smtputf8() ? "UTF8SMTP" : session.esmtp() ? "ESMTP" : "SMTP") + tls;
        StringBuilder header = new StringBuilder(200)
                .append("Received: from ").append(helo)
                .append(" ([").append(session.client.getAddress().getHostAddress()).append("])\r\n")
                .append("\tby ").append(session.config.me()).append(" (Godshell Toaster) with ").append(protocol)
                .append(session.tlsInfo().map(info -> " (" + info + ")").orElse(""))
                .append(" id ").append(session.id);
        // RFC 5321 §4.4: the clauses end with ";" and the date.
        if (transaction.recipientCount() == 1) {
            header.append("\r\n\tfor <").append(safeAddress(transaction.recipients().get(0).toString()))
                    .append(">; ");
        } else {
            header.append(";\r\n\t");
        }
        return header.append(date(when)).append("\r\n").toString();
    }

    /**
     * The HELO name with every character outside a domain or address literal (RFC 5321 §4.1.3: letters, digits,
     * {@code .-[]:}, and {@code _} that real Windows hosts use) replaced by {@code ?}, as qmail's received.c
     * does. Otherwise {@code EHLO x(a)by(b)mx.google.com} would write a comment and a forged "by" clause, and
     * {@code ;} would end the clauses early (RFC 5322 §3.6.7). The length needs no bound here: HELO refuses
     * names over 255 characters, so the line stays far below 998 (RFC 5322 §2.1.1).
     */
    static String safeHost(String host) {
        StringBuilder safe = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || ".-_[]:".indexOf(c) >= 0;
            safe.append(allowed ? c : '?');
        }
        return safe.toString();
    }

    /**
     * The recipient with {@code ?} for what could close the path or the clause early, open a comment or
     * unbalance a quote: a quoted local part may hold {@code "x>; by evil.example (forged)"} (RFC 5321 §4.1.2).
     * Other characters, UTF-8 ones included (RFC 6531 §3.7.3), are kept.
     */
    static String safeAddress(String address) {
        StringBuilder safe = new StringBuilder(address.length());
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            safe.append(c <= ' ' || c == 0x7f || "()<>;\"\\".indexOf(c) >= 0 ? '?' : c);
        }
        return safe.toString();
    }
}
