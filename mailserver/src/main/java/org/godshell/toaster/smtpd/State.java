package org.godshell.toaster.smtpd;

/** Where a session stands in the mail transaction (RFC 5321 §3.3, §4.1.4). */
enum State {
    /** Greeted; no HELO or EHLO yet. MAIL is allowed here, as qmail-smtpd allows it. */
    START,
    /** HELO or EHLO done, or a transaction finished or reset; no transaction open. */
    READY,
    /** MAIL accepted; no recipient accepted yet. */
    MAIL,
    /** At least one RCPT accepted: DATA may follow. */
    RCPT
}
